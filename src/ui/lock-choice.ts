import './i18n/extra-messages';
import { t } from './i18n/i18n';

/** Words for an auto-lock choice in Settings: 0 is "Immediately" when hidden, "Never" when idle. */
export function lockChoiceText(ms: number, kind: 'hidden' | 'idle'): string {
  if (ms === 0) return t(kind === 'hidden' ? 'settings.locking.immediately' : 'settings.locking.never');
  if (ms < 60_000) return t('settings.locking.seconds', { count: ms / 1000 });
  if (ms === 60_000) return t('settings.locking.minute');
  return t('settings.locking.minutes', { count: ms / 60_000 });
}
