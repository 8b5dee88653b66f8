// How an approval option reads. The options are the gateway's words, but palyrad words its tool
// approvals' options the same every time (default_approval_prompt_options in
// crates/palyra-daemon/src/application/approvals/mod.rs, 1e2f4d1): an option that is exactly one
// of those is worded in the UI's language. Anything else (DM pairing's "Allow 8 hours", a budget
// override's own description, a gateway of another version) is shown as the gateway sent it.
import type { ApprovalOption } from '../../../../main/contract/model';
import { t, type MessageKey } from '../i18n';

interface KnownOption {
  label: string;
  description: string;
  labelKey: MessageKey;
  descriptionKey: MessageKey;
}

const PALYRAD_DEFAULT_OPTIONS: Record<string, KnownOption> = {
  allow_once: {
    label: 'Allow once',
    description: 'Approve this single action',
    labelKey: 'approvals.allowOnce',
    descriptionKey: 'approvals.allowOnceDesc',
  },
  allow_session: {
    label: 'Allow for session',
    description: 'Remember approval for this session',
    labelKey: 'approvals.allowSession',
    descriptionKey: 'approvals.allowSessionDesc',
  },
  deny_once: {
    label: 'Deny',
    description: 'Reject this action',
    labelKey: 'approvals.deny',
    descriptionKey: 'approvals.denyDesc',
  },
};

export interface OptionText {
  label: string;
  description: string | null;
  /** The gateway's own words (not in our catalogue): the pseudo-locale check leaves them alone. */
  external: boolean;
}

export function optionText(option: ApprovalOption): OptionText {
  const known = Object.hasOwn(PALYRAD_DEFAULT_OPTIONS, option.optionId)
    ? PALYRAD_DEFAULT_OPTIONS[option.optionId]
    : undefined;
  const description = option.description ?? null;
  if (known && option.label === known.label && (description === null || description === known.description)) {
    return {
      label: t(known.labelKey),
      description: description === null ? null : t(known.descriptionKey),
      external: false,
    };
  }
  return { label: option.label, description, external: true };
}
