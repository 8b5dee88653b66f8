// Errors core reports, by their stable `code` (see ActionableError). A message with values gets
// them from the error's `params`; codes whose message is someone else's words (the gateway's, an
// exception's) have only a hint here, and their message is shown as it came.
import type { AreaCatalog } from '../catalog-types';

export const errors = {
  en: {
    'errors.binary_missing.message': 'Palyra is not installed here; missing: {list}.',
    'errors.binary_missing.hint':
      'Install Palyra (or point PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN at the executables), then press Check again in Setup. To try the app without Palyra, run npm start -- --demo.',
    'errors.crash_looping.message': '{name} keeps failing.',
    'errors.crash_looping.hint': 'Open Logs to see why, fix the cause, then press Retry on the Health tab.',
    'errors.service_failed.message': '{name} keeps failing.',
    'errors.service_failed.hint': 'Open Logs to see why, fix the cause, then press Retry on the Health tab.',
    'errors.nodehost_not_paired.message':
      'The node host is not paired with this gateway, so it exits at start.',
    'errors.nodehost_not_paired.hint':
      'Press Enroll (or Repair) in the node host card: it pairs the node host with this gateway and starts it.',
    'errors.drafts_unavailable.message': 'Offline drafts are not ready yet.',
    'errors.drafts_unavailable.hint': 'Try again in a moment.',
    'errors.gateway_unreachable.hint': 'Start the gateway from the companion and retry.',
    'errors.gateway_auth_rejected.hint':
      'The admin token was refused; make sure the companion and palyrad share the same PALYRA_ADMIN_TOKEN (restart the gateway from the companion).',
    'errors.console_session_rejected.hint':
      'The console session or CSRF token was refused; the companion signs in again automatically — retry, and restart the gateway if it persists.',
    'errors.gateway_not_found.hint': 'The item no longer exists on the gateway; refresh and try again.',
    'errors.gateway_precondition_failed.hint':
      'The gateway is not configured for console login; set PALYRA_ADMIN_BOUND_PRINCIPAL=admin:desktop-control-center and restart it.',
    'errors.payload_too_large.hint':
      'The request is larger than the gateway’s 64 KiB limit; shorten the message.',
    'errors.rate_limited.hint': 'The gateway is rate limiting requests; wait a second and retry.',
    'errors.gateway_unavailable.hint': 'The gateway is not ready; wait for it to become healthy and retry.',
    'errors.transcript_failed.hint': 'It reloads when the gateway is reachable again.',
    'errors.send_failed.hint': 'Fix the problem and send again.',
    'errors.run_failed.hint': 'Send the message again, or open the dashboard for the run details.',
    'errors.hotkey_unavailable.hint': 'Choose another shortcut, or quit the app that holds this one.',
    'errors.node_action_failed.hint': 'Check the gateway and node host logs, then try again.',
    'errors.ui_error.hint': 'Try again; if it keeps failing, restart the companion.',
    'errors.connection_lost.message': 'The connection to the companion dropped before {call} was answered.',
    'errors.connection_lost.hint':
      'Wait for the connection to come back, then check whether the action took effect before repeating it.',
    'errors.client_closed.message': 'This window is no longer connected to the companion.',
    'errors.client_closed.hint': 'Reload the window.',
    'errors.call_timeout.message': 'The companion did not answer {call} within {seconds} s.',
    'errors.call_timeout.hint': 'The companion may be busy or stuck; check its status, then try again.',
    'errors.malformed_reply.message': 'The companion sent a malformed reply.',
    'errors.malformed_reply.hint': 'The UI and the companion are out of step; reload the window.',
  },
  cs: {
    'errors.binary_missing.message': 'Palyra tu není nainstalovaná; chybí: {list}.',
    'errors.binary_missing.hint':
      'Nainstalujte Palyru (nebo nastavte PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN na cesty k programům) a v průvodci klikněte na Zkontrolovat znovu. Aplikaci si bez Palyry vyzkoušíte příkazem npm start -- --demo.',
    'errors.crash_looping.message': '{name} stále selhává.',
    'errors.crash_looping.hint':
      'V Logech zjistěte proč, odstraňte příčinu a pak na kartě Stav klikněte na Zkusit znovu.',
    'errors.service_failed.message': '{name} stále selhává.',
    'errors.service_failed.hint':
      'V Logech zjistěte proč, odstraňte příčinu a pak na kartě Stav klikněte na Zkusit znovu.',
    'errors.nodehost_not_paired.message':
      'Node host není spárovaný s touto gatewayí, proto se hned po spuštění ukončí.',
    'errors.nodehost_not_paired.hint':
      'Klikněte na Zaregistrovat (nebo Opravit) na kartě node hostu: spáruje ho s touto gatewayí a spustí ho.',
    'errors.drafts_unavailable.message': 'Offline koncepty ještě nejsou připravené.',
    'errors.drafts_unavailable.hint': 'Zkuste to za chvíli znovu.',
    'errors.gateway_unreachable.hint': 'Spusťte gateway z companionu a zkuste to znovu.',
    'errors.gateway_auth_rejected.hint':
      'Admin token byl odmítnut; zajistěte, aby companion i palyrad používaly stejný PALYRA_ADMIN_TOKEN (restartujte gateway z companionu).',
    'errors.console_session_rejected.hint':
      'Relace konzole nebo token CSRF byly odmítnuty; companion se přihlásí znovu sám — zkuste to znovu, a pokud to přetrvá, restartujte gateway.',
    'errors.gateway_not_found.hint': 'Položka už na gateway neexistuje; obnovte a zkuste to znovu.',
    'errors.gateway_precondition_failed.hint':
      'Gateway není nastavená pro přihlášení do konzole; nastavte PALYRA_ADMIN_BOUND_PRINCIPAL=admin:desktop-control-center a restartujte ji.',
    'errors.payload_too_large.hint': 'Požadavek je větší než limit gateway 64 KiB; zkraťte zprávu.',
    'errors.rate_limited.hint': 'Gateway omezuje počet požadavků; chvíli počkejte a zkuste to znovu.',
    'errors.gateway_unavailable.hint':
      'Gateway ještě není připravená; počkejte, až bude v pořádku, a zkuste to znovu.',
    'errors.transcript_failed.hint': 'Načte se znovu, až bude gateway opět dostupná.',
    'errors.send_failed.hint': 'Odstraňte problém a odešlete zprávu znovu.',
    'errors.run_failed.hint': 'Odešlete zprávu znovu, nebo si podrobnosti běhu otevřete v dashboardu.',
    'errors.hotkey_unavailable.hint': 'Zvolte jinou zkratku, nebo ukončete aplikaci, která tuto drží.',
    'errors.node_action_failed.hint': 'Projděte logy gateway a node hostu a zkuste to znovu.',
    'errors.ui_error.hint': 'Zkuste to znovu; pokud to stále selhává, restartujte companion.',
    'errors.connection_lost.message': 'Spojení s companionem spadlo dřív, než přišla odpověď na {call}.',
    'errors.connection_lost.hint':
      'Počkejte, až se spojení obnoví, a než akci zopakujete, ověřte, jestli už neproběhla.',
    'errors.client_closed.message': 'Toto okno už není připojené ke companionu.',
    'errors.client_closed.hint': 'Načtěte okno znovu.',
    'errors.call_timeout.message': 'Companion neodpověděl na {call} do {seconds} s.',
    'errors.call_timeout.hint':
      'Companion je možná zaneprázdněný nebo zaseknutý; zkontrolujte jeho stav a zkuste to znovu.',
    'errors.malformed_reply.message': 'Companion poslal poškozenou odpověď.',
    'errors.malformed_reply.hint': 'UI a companion si nerozumějí; načtěte okno znovu.',
  },
} satisfies AreaCatalog;
