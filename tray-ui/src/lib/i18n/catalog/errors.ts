// Errors core reports, by their stable `code` (see ActionableError). A message with values gets
// them from the error's `params`; codes whose message is someone else's words (the gateway's, an
// exception's) have only a hint here, and their message is shown as it came.
import type { AreaCatalog } from '../catalog-types';

export const errors = {
  en: {
    'errors.binary_missing.message': 'Palyra is not installed here; missing: {list}.',
    'errors.binary_missing.hint':
      'Install Palyra (or point PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN at the executables), then press Check again in Setup. To try the app without Palyra, run npm start -- --demo.',
    // One code, several sentences: core names the one it means in params.variant, and the key
    // errors.<code>.<variant>.message is used (its hint too, else the code's own hint).
    'errors.binary_missing.not_configured.message': 'No binary configured for {name}.',
    'errors.binary_missing.not_configured.hint': 'Configure its path in Settings, then press Retry.',
    'errors.binary_missing.spawn_not_found.message': 'Cannot run {name} at {path}: file not found.',
    'errors.binary_missing.spawn_not_found.hint':
      'Reinstall Palyra or point the companion at the right binary, then press Retry.',
    'errors.binary_missing.spawn_denied.message': 'Cannot run {name} at {path}: permission denied.',
    'errors.binary_missing.spawn_denied.hint':
      'Reinstall Palyra or point the companion at the right binary, then press Retry.',
    'errors.binary_missing.env_not_absolute.message':
      "{envVar} points at '{path}', which is not an absolute path.",
    'errors.binary_missing.env_not_absolute.hint':
      'Set {envVar} to the absolute path of an executable {binary}, or unset it to search next to the app and on PATH.',
    'errors.binary_missing.env_not_executable.message':
      "{envVar} points at '{path}', which is not an existing executable regular file.",
    'errors.binary_missing.env_not_executable.hint':
      'Set {envVar} to the absolute path of an executable {binary}, or unset it to search next to the app and on PATH.',
    'errors.binary_missing.not_found.message':
      'Could not find {binary}; looked in: ${envVar} (unset){placeCount, plural, =0 {} other {, {places}}}.',
    'errors.binary_missing.not_found.hint':
      'Install Palyra so {binary} is next to the companion or on PATH, or set {envVar} to its absolute path.',
    'errors.binary_missing.cli.message': 'The palyra CLI (which runs the node host) was not found.',
    'errors.binary_missing.cli.hint': 'Install Palyra or set {envVar} to its absolute path.',
    'errors.port_busy.message':
      'Cannot start {name}: {protocol} port {port} on {host} is in use by {holders, plural, =0 {unknown process} other {{holder}}}.',
    'errors.port_busy.hint':
      'Stop the process holding port {port}, or configure a different port for {name}, then press Retry.',
    'errors.port_busy.other_service.message':
      "Cannot start {name}: {protocol} port {port} on {host} is in use by {holders, plural, =0 {unknown process} other {{holder}}}. It is held by a process answering as '{service}', not {expected}.",
    'errors.port_busy.same_service.message':
      'Cannot start {name}: {protocol} port {port} on {host} is in use by {holders, plural, =0 {unknown process} other {{holder}}}. Another {service} is already answering there (not started by this companion).',
    'errors.port_busy.check_failed.message': 'Cannot check the ports of {name}: {said}',
    'errors.port_busy.check_failed.hint': 'Free the port, then press Retry.',
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
    'errors.openai_key_rejected.message':
      'OpenAI did not accept this API key (the gateway checked it with OpenAI).',
    'errors.openai_key_rejected.hint':
      'Create a new secret key at platform.openai.com/api-keys, paste it and press Connect again.',
    'errors.openai_input_invalid.message': 'The gateway rejected the request: {said}',
    'errors.openai_input_invalid.hint': 'Correct the field named above and press Connect again.',
    'errors.openai_rate_limited.message': 'OpenAI rate limited the key check.',
    'errors.openai_rate_limited.hint': 'Wait a minute, then press Connect again.',
    'errors.openai_unreachable.message':
      'The gateway could not reach OpenAI to check the key; nothing was saved.',
    'errors.openai_unreachable.hint':
      'Make sure the machine running palyrad can reach api.openai.com (network, proxy, firewall), or that model_provider.openai_base_url points at a reachable server, then press Connect again.',
    'errors.openai_config_missing.message': 'The gateway cannot save the OpenAI profile: {said}',
    'errors.openai_config_missing.hint':
      'Give palyrad a writable config file (PALYRA_CONFIG), restart it from the Health tab, then press Connect again.',
    'errors.openai_profile_unhealthy.message':
      '{given, plural, =0 {The default OpenAI profile "{profile}" is {health}.} other {The default OpenAI profile "{profile}" is {health}: {reason}.}}',
    'errors.openai_profile_unhealthy.hint':
      'Connect a new API key (or sign in with OAuth again) in this step.',
    'errors.discord_unreachable.message':
      'The gateway could not reach Discord (discord.com) to check the bot token; nothing was saved.',
    'errors.discord_unreachable.hint':
      'Make sure the machine running palyrad can reach discord.com over HTTPS (network, proxy, firewall), then press Check token again.',
    'errors.discord_unavailable.message': 'Discord did not answer the token check properly: {said}',
    'errors.discord_unavailable.hint':
      'Wait a moment and press Check token again; if it persists, check status.discord.com.',
    'errors.discord_token_rejected.message': 'Discord did not accept this bot token.',
    'errors.discord_token_rejected.hint':
      'In the Discord Developer Portal open your application → Bot → Reset Token, copy the new token, paste it and press Check token again.',
    'errors.discord_input_invalid.message': 'The gateway rejected the request: {said}',
    'errors.discord_input_invalid.hint': 'Correct the value named above and try again.',
    'errors.discord_account_not_found.message': 'The gateway has no such Discord account: {said}',
    'errors.discord_account_not_found.hint': 'Refresh the step: the account may already have been removed.',
    'errors.discord_config_missing.message':
      'The gateway cannot store the Discord connector settings: {said}',
    'errors.discord_config_missing.hint':
      'Give palyrad a writable config file (PALYRA_CONFIG), restart it from the Health tab, then try again.',
    'errors.oauth_url_invalid.message':
      'The gateway issued an OAuth sign-in address that is not an https URL; it was not opened.',
    'errors.oauth_url_invalid.hint':
      'Check the gateway’s OpenAI OAuth endpoint settings (PALYRA_OPENAI_OAUTH_AUTHORIZATION_ENDPOINT) and try again.',
    'errors.gateway_not_connected.message': 'The companion is not signed in to the gateway yet.',
    'errors.gateway_not_connected.hint':
      'Finish the "Gateway reachable" step first (start the sidecars from Health), then try again.',
    'errors.provider_busy.message': 'Another {provider} action is still running.',
    'errors.provider_busy.hint': 'Wait for it to finish, then try again.',
    'errors.voice_capture_disabled.message':
      'Voice capture is turned off by the rollout flag "voice_capture_enabled".',
    'errors.voice_capture_disabled.hint': 'Turn on Voice capture under Settings → Rollout flags.',
    'errors.voice_consent_required.message': 'Voice capture needs your consent first.',
    'errors.voice_consent_required.hint': 'Press the microphone button and accept the consent question.',
    'errors.voice_transcription_failed.message':
      '{given, plural, =0 {The gateway could not transcribe the recording: no reason given.} other {The gateway could not transcribe the recording: {reason}.}}',
    'errors.voice_transcription_failed.hint':
      "Check the gateway's model provider (it needs an OpenAI-compatible transcription endpoint), then try again.",
    'errors.voice_transcription_unavailable.message':
      'The gateway stored the recording as "{type}" but made no transcript of it.',
    'errors.voice_transcription_unavailable.hint':
      'This gateway does not transcribe audio attachments; type the message instead.',
    'errors.voice_audio_not_accepted.message':
      'This Palyra gateway does not accept audio attachments (its upload check recognises only images, text and JSON), so it cannot transcribe your recording.',
    'errors.voice_audio_not_accepted.hint':
      'Type the message instead, or update Palyra to a version that accepts audio uploads.',
    'errors.voice_audio_too_large.message':
      'The recording is larger than the gateway accepts in one request (64 KiB).',
    'errors.voice_audio_too_large.hint': 'Record a shorter message.',
    'errors.voice_upload_failed.message': 'The recording could not be sent to the gateway: {said}',
    'errors.voice_upload_failed.hint': 'Check that the gateway is online, then try again.',
  },
  cs: {
    'errors.binary_missing.message': 'Palyra tu není nainstalovaná; chybí: {list}.',
    'errors.binary_missing.hint':
      'Nainstalujte Palyru (nebo nastavte PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN na cesty k programům) a v průvodci klikněte na Zkontrolovat znovu. Aplikaci si bez Palyry vyzkoušíte příkazem npm start -- --demo.',
    'errors.binary_missing.not_configured.message': 'Pro {name} není nastavený žádný spustitelný soubor.',
    'errors.binary_missing.not_configured.hint':
      'Nastavte cestu k němu v Nastavení a klikněte na Zkusit znovu.',
    'errors.binary_missing.spawn_not_found.message': '{name} nelze spustit ({path}): soubor nebyl nalezen.',
    'errors.binary_missing.spawn_not_found.hint':
      'Přeinstalujte Palyru nebo companionu nastavte správný spustitelný soubor a klikněte na Zkusit znovu.',
    'errors.binary_missing.spawn_denied.message': '{name} nelze spustit ({path}): přístup odepřen.',
    'errors.binary_missing.spawn_denied.hint':
      'Přeinstalujte Palyru nebo companionu nastavte správný spustitelný soubor a klikněte na Zkusit znovu.',
    'errors.binary_missing.env_not_absolute.message':
      '{envVar} ukazuje na „{path}“, což není absolutní cesta.',
    'errors.binary_missing.env_not_absolute.hint':
      'Nastavte {envVar} na absolutní cestu ke spustitelnému souboru {binary}, nebo proměnnou zrušte a companion ho bude hledat vedle aplikace a v PATH.',
    'errors.binary_missing.env_not_executable.message':
      '{envVar} ukazuje na „{path}“, což není existující spustitelný soubor.',
    'errors.binary_missing.env_not_executable.hint':
      'Nastavte {envVar} na absolutní cestu ke spustitelnému souboru {binary}, nebo proměnnou zrušte a companion ho bude hledat vedle aplikace a v PATH.',
    'errors.binary_missing.not_found.message':
      '{binary} nebyl nalezen; hledáno v: ${envVar} (nenastavena){placeCount, plural, =0 {} other {, {places}}}.',
    'errors.binary_missing.not_found.hint':
      'Nainstalujte Palyru tak, aby byl {binary} vedle companionu nebo v PATH, nebo nastavte {envVar} na jeho absolutní cestu.',
    'errors.binary_missing.cli.message': 'CLI palyra (spouští node host) nebylo nalezeno.',
    'errors.binary_missing.cli.hint': 'Nainstalujte Palyru nebo nastavte {envVar} na absolutní cestu k němu.',
    'errors.port_busy.message':
      '{name} nelze spustit: port {protocol} {port} na {host} používá {holders, plural, =0 {neznámý proces} other {{holder}}}.',
    'errors.port_busy.hint':
      'Ukončete proces, který drží port {port}, nebo pro {name} nastavte jiný port, a klikněte na Zkusit znovu.',
    'errors.port_busy.other_service.message':
      '{name} nelze spustit: port {protocol} {port} na {host} používá {holders, plural, =0 {neznámý proces} other {{holder}}}. Drží ho proces, který se hlásí jako „{service}“, ne {expected}.',
    'errors.port_busy.same_service.message':
      '{name} nelze spustit: port {protocol} {port} na {host} používá {holders, plural, =0 {neznámý proces} other {{holder}}}. Už tam odpovídá jiný {service} (nespustil ho tento companion).',
    'errors.port_busy.check_failed.message': 'Porty služby {name} nelze zkontrolovat: {said}',
    'errors.port_busy.check_failed.hint': 'Uvolněte port a klikněte na Zkusit znovu.',
    'errors.crash_looping.message': '{name} stále selhává.',
    'errors.crash_looping.hint':
      'V Logech zjistěte proč, odstraňte příčinu a pak na kartě Stav klikněte na Zkusit znovu.',
    'errors.service_failed.message': '{name} stále selhává.',
    'errors.service_failed.hint':
      'V Logech zjistěte proč, odstraňte příčinu a pak na kartě Stav klikněte na Zkusit znovu.',
    'errors.nodehost_not_paired.message':
      'Node host není spárovaný s touto bránou (palyrad), proto se hned po spuštění ukončí.',
    'errors.nodehost_not_paired.hint':
      'Klikněte na Zaregistrovat (nebo Opravit) na kartě node hostu: spáruje ho s touto bránou a spustí ho.',
    'errors.drafts_unavailable.message': 'Offline koncepty ještě nejsou připravené.',
    'errors.drafts_unavailable.hint': 'Zkuste to za chvíli znovu.',
    'errors.gateway_unreachable.hint': 'Spusťte bránu (palyrad) z companionu a zkuste to znovu.',
    'errors.gateway_auth_rejected.hint':
      'Admin token byl odmítnut; zajistěte, aby companion i palyrad používaly stejný PALYRA_ADMIN_TOKEN (restartujte bránu z companionu).',
    'errors.console_session_rejected.hint':
      'Relace konzole nebo token CSRF byly odmítnuty; companion se přihlásí znovu sám — zkuste to znovu, a pokud to přetrvá, restartujte bránu (palyrad).',
    'errors.gateway_not_found.hint': 'Položka už na bráně (palyrad) neexistuje; obnovte a zkuste to znovu.',
    'errors.gateway_precondition_failed.hint':
      'Brána (palyrad) není nastavená pro přihlášení do konzole; nastavte PALYRA_ADMIN_BOUND_PRINCIPAL=admin:desktop-control-center a restartujte ji.',
    'errors.payload_too_large.hint': 'Požadavek přesahuje limit brány (palyrad) 64 KiB; zkraťte zprávu.',
    'errors.rate_limited.hint': 'Brána (palyrad) omezuje počet požadavků; chvíli počkejte a zkuste to znovu.',
    'errors.gateway_unavailable.hint':
      'Brána (palyrad) ještě není připravená; počkejte, až bude v pořádku, a zkuste to znovu.',
    'errors.transcript_failed.hint': 'Načte se znovu, až bude brána (palyrad) opět dostupná.',
    'errors.send_failed.hint': 'Odstraňte problém a odešlete zprávu znovu.',
    'errors.run_failed.hint': 'Odešlete zprávu znovu, nebo si podrobnosti běhu otevřete v dashboardu.',
    'errors.hotkey_unavailable.hint': 'Zvolte jinou zkratku, nebo ukončete aplikaci, která tuto drží.',
    'errors.node_action_failed.hint': 'Projděte logy brány (palyrad) a node hostu a zkuste to znovu.',
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
    'errors.openai_key_rejected.message':
      'OpenAI tento API klíč nepřijalo (brána palyrad ho u OpenAI ověřila).',
    'errors.openai_key_rejected.hint':
      'Vytvořte nový tajný klíč na platform.openai.com/api-keys, vložte ho a znovu klikněte na Připojit.',
    'errors.openai_input_invalid.message': 'Brána (palyrad) požadavek odmítla: {said}',
    'errors.openai_input_invalid.hint': 'Opravte uvedené pole a znovu klikněte na Připojit.',
    'errors.openai_rate_limited.message': 'OpenAI dočasně omezilo ověřování klíčů.',
    'errors.openai_rate_limited.hint': 'Minutu počkejte a znovu klikněte na Připojit.',
    'errors.openai_unreachable.message':
      'Brána (palyrad) se nespojila s OpenAI, aby klíč ověřila; nic se neuložilo.',
    'errors.openai_unreachable.hint':
      'Ověřte, že počítač s palyrad se dostane na api.openai.com (síť, proxy, firewall), nebo že model_provider.openai_base_url ukazuje na dostupný server, a znovu klikněte na Připojit.',
    'errors.openai_config_missing.message': 'Brána (palyrad) nemůže uložit profil OpenAI: {said}',
    'errors.openai_config_missing.hint':
      'Dejte palyrad zapisovatelný konfigurační soubor (PALYRA_CONFIG), restartujte ho na kartě Stav a znovu klikněte na Připojit.',
    'errors.openai_profile_unhealthy.message':
      '{given, plural, =0 {Výchozí profil OpenAI „{profile}“ nelze použít (stav: {health}).} other {Výchozí profil OpenAI „{profile}“ nelze použít (stav: {health}): {reason}.}}',
    'errors.openai_profile_unhealthy.hint':
      'V tomto kroku připojte nový API klíč (nebo se znovu přihlaste přes OAuth).',
    'errors.discord_unreachable.message':
      'Brána (palyrad) se nespojila s Discordem (discord.com), aby ověřila token bota; nic se neuložilo.',
    'errors.discord_unreachable.hint':
      'Ověřte, že počítač s palyrad se dostane na discord.com přes HTTPS (síť, proxy, firewall), a znovu klikněte na Ověřit token.',
    'errors.discord_unavailable.message': 'Discord na ověření tokenu neodpověděl správně: {said}',
    'errors.discord_unavailable.hint':
      'Chvíli počkejte a znovu klikněte na Ověřit token; pokud to přetrvá, podívejte se na status.discord.com.',
    'errors.discord_token_rejected.message': 'Discord tento token bota nepřijal.',
    'errors.discord_token_rejected.hint':
      'V Discord Developer Portalu otevřete svou aplikaci → Bot → Reset Token, zkopírujte nový token, vložte ho a znovu klikněte na Ověřit token.',
    'errors.discord_input_invalid.message': 'Brána (palyrad) požadavek odmítla: {said}',
    'errors.discord_input_invalid.hint': 'Opravte uvedenou hodnotu a zkuste to znovu.',
    'errors.discord_account_not_found.message': 'Brána (palyrad) takový účet Discordu nemá: {said}',
    'errors.discord_account_not_found.hint': 'Obnovte krok: účet už možná byl odebrán.',
    'errors.discord_config_missing.message':
      'Brána (palyrad) nemůže uložit nastavení konektoru Discordu: {said}',
    'errors.discord_config_missing.hint':
      'Dejte palyrad zapisovatelný konfigurační soubor (PALYRA_CONFIG), restartujte ho na kartě Stav a zkuste to znovu.',
    'errors.oauth_url_invalid.message':
      'Brána (palyrad) vydala přihlašovací adresu OAuth, která není https URL; companion ji neotevřel.',
    'errors.oauth_url_invalid.hint':
      'Zkontrolujte na bráně (palyrad) nastavení koncového bodu OpenAI OAuth (PALYRA_OPENAI_OAUTH_AUTHORIZATION_ENDPOINT) a zkuste to znovu.',
    'errors.gateway_not_connected.message': 'Companion ještě není přihlášený k bráně (palyrad).',
    'errors.gateway_not_connected.hint':
      'Nejdřív dokončete krok „Brána (palyrad) je dostupná“ (spusťte služby na kartě Stav) a zkuste to znovu.',
    'errors.provider_busy.message': 'Ještě běží jiná akce pro {provider}.',
    'errors.provider_busy.hint': 'Počkejte, až doběhne, a zkuste to znovu.',
    'errors.voice_capture_disabled.message':
      'Hlasový vstup je vypnutý příznakem zavádění „voice_capture_enabled“.',
    'errors.voice_capture_disabled.hint': 'Zapněte Hlasový vstup v Nastavení → Příznaky zavádění funkcí.',
    'errors.voice_consent_required.message': 'Hlasový vstup nejdřív potřebuje váš souhlas.',
    'errors.voice_consent_required.hint': 'Klikněte na tlačítko mikrofonu a potvrďte dotaz na souhlas.',
    'errors.voice_transcription_failed.message':
      '{given, plural, =0 {Brána (palyrad) nahrávku nepřepsala a neuvedla proč.} other {Brána (palyrad) nahrávku nepřepsala: {reason}.}}',
    'errors.voice_transcription_failed.hint':
      'Zkontrolujte poskytovatele modelu na bráně (palyrad): potřebuje koncový bod pro přepis kompatibilní s OpenAI. Pak to zkuste znovu.',
    'errors.voice_transcription_unavailable.message':
      'Brána (palyrad) nahrávku uložila jako „{type}“, ale nepřepsala ji.',
    'errors.voice_transcription_unavailable.hint':
      'Tato brána zvukové přílohy nepřepisuje; napište zprávu ručně.',
    'errors.voice_audio_not_accepted.message':
      'Tato brána Palyry (palyrad) nepřijímá zvukové přílohy (její kontrola nahrávání rozpozná jen obrázky, text a JSON), takže vaši nahrávku nepřepíše.',
    'errors.voice_audio_not_accepted.hint':
      'Napište zprávu ručně, nebo aktualizujte Palyru na verzi, která zvukové přílohy přijímá.',
    'errors.voice_audio_too_large.message':
      'Nahrávka je větší, než brána (palyrad) přijme v jednom požadavku (64 KiB).',
    'errors.voice_audio_too_large.hint': 'Nahrajte kratší zprávu.',
    'errors.voice_upload_failed.message': 'Nahrávku se nepodařilo odeslat bráně (palyrad): {said}',
    'errors.voice_upload_failed.hint': 'Ověřte, že je brána (palyrad) online, a zkuste to znovu.',
  },
} satisfies AreaCatalog;
