import type { ShellKey } from './en';

/**
 * 日本語: the shell part (same keys as en.ts; tests/unit/i18n.test.ts checks it). Fetched only
 * when Japanese is the language. Terms follow the glossary in docs/languages.md.
 */
export const ja: Record<ShellKey, string> = {
  'app.name': 'Keyslot',

  'pin.label': 'PIN',
  'pin.confirmLabel': 'PIN（確認）',
  'passphrase.label': 'パスフレーズ',
  'passphrase.confirmLabel': 'パスフレーズ（確認）',

  'unlock.title': 'Keyslot のロック解除',
  'unlock.body': 'ワンタイムパスワードを表示するには PIN を入力してください。',
  'unlock.activation': 'アクティベーション URL のスロットを追加するには PIN を入力してください。',
  'unlock.submit': 'ロック解除',
  'unlock.working': 'ロックを解除しています…',
  'unlock.attemptsLeft.one': 'あと {count} 回間違えると、しばらく待つ必要があります。',
  'unlock.attemptsLeft.other': 'あと {count} 回間違えると、しばらく待つ必要があります。',
  'unlock.eraseLeft.one': 'あと 1 回 PIN を間違えると、すべてのスロットが消去されます（設定 → セキュリティ）。',
  'unlock.eraseLeft.other': 'あと {count} 回 PIN を間違えると、すべてのスロットが消去されます（設定 → セキュリティ）。',
  'unlock.unsavedAttempt':
    'ストレージがいっぱいのため、今回のロック解除を記録できませんでした。この端末の空き容量を増やしてください。それまでは、PIN を試すたびに 30 秒以上待つ必要があります。',
  'unlock.unsavedAttempt.passphrase':
    'ストレージがいっぱいのため、今回のロック解除を記録できませんでした。この端末の空き容量を増やしてください。それまでは、パスフレーズを試すたびに 30 秒以上待つ必要があります。',
  'unlock.wait': 'PIN の入力ミスが続いたため、しばらくお待ちください（残り {time}）。',
  'unlock.body.passphrase': 'ワンタイムパスワードを表示するにはパスフレーズを入力してください。',
  'unlock.activation.passphrase': 'アクティベーション URL のスロットを追加するにはパスフレーズを入力してください。',
  'unlock.eraseLeft.one.passphrase':
    'あと 1 回パスフレーズを間違えると、すべてのスロットが消去されます（設定 → セキュリティ）。',
  'unlock.eraseLeft.other.passphrase':
    'あと {count} 回パスフレーズを間違えると、すべてのスロットが消去されます（設定 → セキュリティ）。',
  'unlock.wait.passphrase': 'パスフレーズの入力ミスが続いたため、しばらくお待ちください（残り {time}）。',

  'list.title': 'スロット一覧',
  'list.empty.title': 'スロットはまだありません',
  'list.empty.body':
    '発行元から受け取ったアクティベーション URL またはシークレットキーを追加すると、ここにワンタイムパスワードが表示されます。',
  'list.add': 'スロットを追加',
  'list.lock': 'ロック',
  'list.label': 'スロット',

  'slot.copyHint': '選択するとコピーします',
  'slot.timeLeft': '残り{secs}秒',
  'slot.generate': 'コードを生成',
  'slot.options': '{name} のメニュー',
  'slot.delete': '削除',
  'slot.showQr': 'QR コードで表示',
  'slot.copied': 'コピーしました',
  'slot.copyFailed': 'コピーできませんでした。コードを選択して手動でコピーしてください。',
  'slot.reveal': 'コードを表示してコピー',
  'slot.keepOnTop': '最前面に表示',
  'slot.keepOnTopFailed': 'このブラウザでは最前面表示のウィンドウを開けませんでした。',
  'pip.codeLabel': '{name} のコード',
  'pip.secondsLeft': '残り {seconds} 秒',

  'delete.title': '「{name}」を削除しますか？',
  'delete.body': 'スロットはゴミ箱に移動します。30 日以内なら元に戻せますが、その後は完全に削除されます。',
  'delete.confirm': 'スロットを削除',
  'delete.done': 'ゴミ箱に移動しました',

  'common.cancel': 'キャンセル',
  'common.back': '戻る',
  'common.continue': '次へ',
  'common.close': '閉じる',

  'update.label': 'Keyslot の更新',
  'update.available': '新しいバージョンがあります',
  'update.reload': '再読み込み',
  'update.later': '後で',

  'stale.title': '別のタブで Keyslot が更新されました',
  'stale.closedTitle': 'ブラウザが Keyslot の保存データを閉じました',
  'stale.body': '続けるにはページを再読み込みしてください。それまでこのタブの Keyslot はロックされます。',
  'stale.reload': '再読み込み',

  'install.button': 'Keyslot をインストール',

  'list.settings': '設定',
  'error.PIN_TOO_SHORT': '{min} 桁以上の数字にしてください。',
  'error.PIN_TOO_LONG': '{max} 桁以下の数字にしてください。',
  'error.PIN_NOT_DIGITS': '数字のみを入力してください。',
  'error.PIN_TRIVIAL':
    'この PIN は推測されやすいため使えません。同じ数字の繰り返しや 123456 のような連番は避けてください。',
  'error.PIN_MISMATCH': '2 つの PIN が一致しません。',
  'error.PIN_WRONG': 'PIN が正しくありません。',
  'error.PIN_WAIT': 'PIN の入力ミスが続いたため、{min} 秒待ってからもう一度お試しください。',
  'error.PIN_WRONG.passphrase': 'パスフレーズが正しくありません。',
  'error.PIN_WAIT.passphrase': 'パスフレーズの入力ミスが続いたため、{min} 秒待ってからもう一度お試しください。',
  'error.VAULT_ERASED.passphrase': 'パスフレーズを 10 回間違えたため、設定に従ってすべてのスロットを消去しました。',
  'error.KDF_FAILED.passphrase': 'このブラウザではパスフレーズを確認できませんでした。',
  'error.PASSPHRASE_TOO_SHORT': '{min} 文字以上にしてください。',
  'error.PASSPHRASE_TOO_LONG': '{max} 文字以下にしてください。',
  'error.PASSPHRASE_TRIVIAL':
    'このパスフレーズは推測されやすいため使えません。関係のない単語をいくつか組み合わせるか、長めの文にしてください。',
  'error.PASSPHRASE_MISMATCH': '2 つのパスフレーズが一致しません。',
  'error.DEVICE_KEY_MISSING':
    'スロットの保護に使われている端末キーがこのブラウザから失われたため、ここでは PIN でスロットを開けません。バックアップから復元するか、発行元に再発行を申請してください。',
  'error.VAULT_ERASED': 'PIN を 10 回間違えたため、設定に従ってすべてのスロットを消去しました。',
  'error.VAULT_CORRUPT': '保存されているスロットのデータが破損しているため、開けません。',
  'error.VAULT_VERSION': 'スロットは新しいバージョンの Keyslot で保存されています。再読み込みして更新してください。',
  'error.VAULT_MISSING': 'この端末に保存されたスロットが見つかりません。',
  'error.VAULT_EXISTS': 'この端末の Keyslot はすでにセットアップ済みです。',
  'error.VAULT_LOCKED': 'Keyslot はロックされています。ロックを解除してからもう一度お試しください。',
  'error.VAULT_CHANGED':
    '別のタブで PIN が変更されました。ここでは何も変更していません。いったんロックし、新しい PIN でロックを解除してから、もう一度お試しください。',
  'error.KDF_WEAK': '保存されているスロットのセキュリティ設定が弱すぎるため、信頼できません。',
  'error.KDF_FAILED': 'このブラウザでは PIN を確認できませんでした。',
  'error.PASSKEY_UNSUPPORTED':
    'このブラウザまたは端末では、パスキーで Keyslot のロックを解除できません。PIN をお使いください。',
  'error.PASSKEY_CANCELLED':
    'パスキーでロックを解除できませんでした。キャンセルされたか、パスキーがこの端末にありません。PIN をお使いください。',
  'error.PASSKEY_FAILED': 'パスキーが使えませんでした。PIN をお使いください。',
  'error.PASSKEY_WRONG': 'このパスキーでは Keyslot のロックを解除できません。PIN をお使いください。',
  'unlock.passkey': 'パスキーでロック解除',
  'unlock.passkeyWorking': 'パスキーを待っています…',
  'error.SLOT_NOT_FOUND': 'このスロットはもう存在しません。',
  'error.SLOT_DUPLICATE': 'このスロットはすでに Keyslot にあります。何も追加していません。',
  'error.STORAGE_FAILED':
    'ブラウザがデータを保存できませんでした。空き容量があること、このサイトにデータの保存が許可されていることを確認してください。',
  'error.STORAGE_FULL':
    'この端末のストレージがいっぱいのため、変更を保存できませんでした。不要なファイルやほかのアプリのデータを削除して空き容量を作ってから、もう一度お試しください。',
  'error.STORAGE_BLOCKED':
    '別のタブまたはウィンドウで開いている Keyslot がデータを使用中です。ほかの Keyslot のタブとウィンドウを閉じてから、再読み込みしてください。',
  'error.unknown': '問題が発生しました。何も保存されていません。',
};
