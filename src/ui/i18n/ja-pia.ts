import type { enPia } from './en-pia';

/** 日本語: privacyIDEA が管理するスロットの言葉（en-pia.ts と同じキー）。 */
export const jaPia: Record<keyof typeof enPia, string> = {
  'error.PIA_URI': 'この privacyIDEA 登録コードは破損しているか、不完全です。新しいコードを発行してもらってください。',
  'error.PIA_EXPIRED':
    'この登録コードは有効期限が切れています。privacyIDEA の画面または管理者から新しいコードを受け取ってください。',
  'error.PIA_ALGORITHM': 'この登録コードは、Keyslot が対応していない鍵またはハッシュのアルゴリズムを指定しています。',
  'error.PIA_NOT_CONFIGURED':
    'この Keyslot は、どの privacyIDEA サーバーとも通信しない設定になっています。管理者の方へ: Keyslot の配置時に KEYSLOT_PRIVACYIDEA_ORIGINS にサーバーのオリジンを指定してください。',
  'error.PIA_ORIGIN':
    'この Keyslot は、コードに書かれた privacyIDEA サーバーとの通信を許可されていません。管理者に許可を依頼してください。',
  'error.PIA_INSECURE':
    'このコードでは、検証された安全な接続を使わずにサーバーと通信することになります（http のまま、または証明書の確認が無効）。Keyslot はこれを行いません。',
  'error.PIA_UNREACHABLE': 'privacyIDEA サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。',
  'error.PIA_ALREADY_REGISTERED':
    'このコンテナーはすでに別の端末に登録されています。新しい登録コードを発行してもらってください。',
  'error.PIA_REJECTED':
    'privacyIDEA サーバーがこの端末の署名を受け付けませんでした。コードの期限が切れている可能性があります。新しいコードを発行してもらってください。',
  'error.PIA_PASSPHRASE_WRONG':
    'サーバーが質問への回答を受け付けませんでした。回答を確かめて、もう一度お試しください。',
  'error.PIA_NOT_REGISTERED': 'このコンテナーは、privacyIDEA サーバーでの登録が解除されています。',
  'error.PIA_NOT_FOUND': 'privacyIDEA サーバーにこのコンテナーが見つかりません。',
  'error.PIA_POLICY': 'privacyIDEA サーバーのポリシーで、この操作は許可されていません。',
  'error.PIA_SERVER': 'privacyIDEA サーバーでエラーが発生しました。しばらくしてから、もう一度お試しください。',
  'error.PIA_ANSWER': 'privacyIDEA サーバーからの応答が破損しているか、想定外の内容でした。何も変更していません。',
  'error.PIA_MANAGED':
    'このスロットは privacyIDEA サーバーが管理しています。シークレットキーはこの端末の中だけにあり、表示も書き出しもできません。別のスマートフォンで使うには「新しい端末に移行」を選んでください。',
  'error.PIA_EMPTY':
    'このコンテナーには Keyslot で表示できるトークンがないため、何も追加していません。TOTP か HOTP のトークンを追加するよう管理者に依頼してください。',

  'pia.title': 'この端末を privacyIDEA に登録',
  'pia.intro': '組織がこの端末にワンタイムパスワードを発行しようとしています。依頼元を確認してください:',
  'pia.issuer': '発行元',
  'pia.container': 'コンテナー',
  'pia.server': 'サーバー',
  'pia.expires': 'コードの有効期限',
  'pia.contact':
    '続けると、Keyslot はこのサーバーに接続します。その後は、これらのスロットを同期・移行・削除するときにだけ接続します。',
  'pia.answer': '回答',
  'pia.working': 'サーバーに登録しています…',
  'pia.added.one': 'スロットを追加しました: {issuer} から {count} 件',
  'pia.added.other': 'スロットを追加しました: {issuer} から {count} 件',
  'pia.skipped.one': '{count} 件のトークンは別のアプリが必要なため、追加していません。',
  'pia.skipped.other': '{count} 件のトークンは別のアプリが必要なため、追加していません。',

  'pia.sync': '{issuer} と同期',
  'pia.syncing': '同期しています…',
  'pia.synced': '{issuer} と同期しました。最新の状態です。',
  'pia.syncedAdded.one': '{issuer} と同期しました。新しいスロットが {count} 件あります。',
  'pia.syncedAdded.other': '{issuer} と同期しました。新しいスロットが {count} 件あります。',
  'pia.withdrawn': '{issuer} により無効化',
  'pia.withdrawn.unregistered':
    'この端末の登録が解除されたため、コードは表示されません。不要になったらスロットを削除してください。',
  'pia.withdrawn.moved':
    'コードは別の端末に移行されたため、この端末には表示されません。不要になったらスロットを削除してください。',
  'pia.withdrawn.removed':
    'このトークンはコンテナーから外されたため、コードは表示されません。不要になったらスロットを削除してください。',
  'pia.move': '新しい端末に移行',
  'pia.move.title': '新しい端末に移行',
  'pia.move.body':
    '新しい端末で Keyslot を開き、このコードを読み取ってください。新しい端末の登録が終わると、この端末のコードは使えなくなります。',
  'pia.move.working': 'サーバーにコードを依頼しています…',
  'pia.remove': '削除して登録を解除',
  'pia.remove.title': '{issuer} のスロットを削除しますか？',
  'pia.remove.body.one':
    'コンテナー {container} のスロット {count} 件を削除し、この端末が保持しなくなったことを {issuer} に伝えます。',
  'pia.remove.body.other':
    'コンテナー {container} のスロット {count} 件を削除し、この端末が保持しなくなったことを {issuer} に伝えます。',
  'pia.removed.unregistered': '削除しました。この端末のサーバー登録は解除されています。',
  'pia.removed.unreachable':
    'この端末からは削除しました。サーバーに接続できなかったため、サーバーにはこの端末の登録が残っています。管理者に連絡してください。',
  'pia.removed.forbidden':
    'この端末からは削除しました。サーバーのポリシーにより Keyslot からは登録を解除できません。管理者が解除できます。',
  'pia.removed.local': '削除しました。',
  'pia.settings.title': 'privacyIDEA 連携',
  'pia.settings.body': 'privacyIDEA サーバーが管理するスロットは、同期すると新しいトークンや変更が反映されます。',
  'pia.settings.syncAll': '今すぐ同期',
  'pia.settings.syncAtUnlock': 'ロック解除時にオンラインなら同期する',
};
