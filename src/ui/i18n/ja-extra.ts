import type { ExtraKey } from './en-extra';
import { jaPia } from './ja-pia.ts';
import { jaGroups } from './ja-groups.ts';

/**
 * 日本語: the part of the screens seen now and then (same keys as en-extra.ts). Fetched only
 * when Japanese is the language and one of those screens is opened (extra-messages.ts).
 * A catalogue, read by key: its length is en-extra.ts's.
 */
export const jaExtra: Record<ExtraKey, string> = {
  ...jaPia,
  ...jaGroups,
  'add.title': 'スロットを追加',
  'add.method': '追加の方法を選んでください',
  'add.method.link': 'URL を貼り付け',
  'add.method.manual': 'キーを入力',
  'add.scan': 'QR コードを読み取る',
  'add.image': '画像を選択',
  'add.screen': 'この画面から読み取る',
  'add.imageHint': 'QR コードのスクリーンショットをここに貼り付けたり、ドロップしたりすることもできます。',
  'add.duplicate': 'このスロットはすでに Keyslot にあります。何も追加していません。',
  'add.noCode': 'この画像に QR コードが見つかりません。より鮮明な画像か、近くで撮った画像をお試しください。',
  'add.link.label': 'アクティベーション URL',
  'add.link.hint':
    '発行元のページまたはメールに記載されたアクティベーション URL（otpauth:// または Keyslot のリンク）です。',
  'linkCode.title': 'アクティベーションコードを入力',
  'linkCode.body':
    'このアクティベーションリンクは暗号化されています。リンクと一緒に受け取ったアクティベーションコード（QR コードの横に表示されたもの、または別の方法で届いたもの）を入力すると開けます。',
  'linkCode.label': 'アクティベーションコード',
  'linkCode.hint':
    '英数字 10 文字です（例: 7KQ2M-XR9TD）。大文字・小文字やハイフンの有無は問いません。1 回の確認には、安全のため少し時間がかかります。',
  'linkCode.submit': 'リンクを開く',
  'linkCode.working': 'リンクを開いています…',
  'linkWarning.title': 'このアクティベーションリンクは漏えいしたものと考えてください',
  'linkWarning.body':
    '開いたリンクにはスロットの秘密鍵がそのまま含まれており、ブラウザの履歴に保存されています。このブラウザや同期された履歴を使える人なら、同じスロットを追加できてしまいます。今すぐブラウザの履歴からこのリンクを削除してください。ほかの人もこのブラウザを使う場合や、履歴を同期している場合は、発行元にアクティベーションのやり直しを依頼してください。',
  'linkWarning.howTo': '履歴から削除する方法',
  'linkWarning.chrome':
    'Chrome: メニュー ⋮ → 履歴 → 履歴（Ctrl+H）。このサイトを検索し、項目にチェックを入れて「削除」。スマートフォンでは ⋮ → 履歴 を開き、各項目の ✕ またはごみ箱アイコン。',
  'linkWarning.edge':
    'Edge: メニュー … → 履歴（Ctrl+H）。このサイトを検索し、各項目のごみ箱アイコン。スマートフォンでは … → 履歴 を開き、スワイプまたはタップで削除。',
  'linkWarning.safari':
    'iPhone・iPad の Safari: ブックマークアイコン → 時計のタブ を開き、各項目を左にスワイプして「削除」。Mac では 履歴 → すべての履歴を表示 で項目を選び、delete キー。',
  'linkWarning.firefox':
    'Firefox: メニュー ☰ → 履歴 → 履歴を管理（Ctrl+Shift+H）。このサイトを検索し、各項目を右クリックして「削除」。スマートフォンでは ⋮ → 履歴 を開き、各項目の ✕。',
  'linkWarning.dismiss': '削除しました',
  'add.manual.issuer': '発行元',
  'add.manual.issuerHint': '例: PassLogic（KEK VPN）',
  'add.manual.account': 'アカウント',
  'add.manual.secret': 'シークレットキー',
  'add.manual.secretHint': '発行元が表示する英数字（Base32）です。スペースが入っていても構いません。',
  'add.manual.advanced': '詳細設定',
  'add.manual.type': '種類',
  'add.manual.type.totp': '時間方式（TOTP）',
  'add.manual.type.hotp': 'カウンター方式（HOTP）',
  'add.manual.type.steam': 'Steam Guard（5 文字）',
  'add.manual.steamFixed': 'Steam Guard のコードは常に 5 文字で、30 秒ごとに変わります。設定する項目はありません。',
  'add.manual.algorithm': 'アルゴリズム',
  'add.manual.digits': '桁数',
  'add.manual.period': '更新間隔（秒）',
  'add.manual.counter': 'カウンター',

  'scan.title': 'QR コードを読み取る',
  'scan.screenTitle': 'この画面から読み取る',
  'scan.hint': 'アクティベーション用の QR コードにカメラを向けてください。',
  'scan.screenHint': 'この画面に QR コードを表示してください。共有した画面から Keyslot が読み取ります。',
  'scan.notActivation': 'この QR コードはアクティベーション用ではありません。正しい QR コードを読み取ってください。',
  'scan.switchCamera': 'カメラを切り替え',
  'scan.torch': 'ライト',
  'scan.otherWays': 'ほかの方法で追加',

  'reissue.title': '{name} のスロットはすでにありますが、キーが異なります。',
  'reissue.body':
    '発行元で再発行（再アクティベーション）された可能性があります。古いスロットのワンタイムパスワードは使えなくなります。',
  'reissue.replace': '古いスロットを置き換える',
  'reissue.keep': '両方残す',
  'shared.title': '他のアプリまたはウェブサイトから共有されました',
  'shared.body':
    'この方法では、どのアプリやウェブサイトからでも Keyslot にリンクを送れます。ご自分で始めた有効化の場合にだけ追加してください。',
  'shared.replaceAsk': '古いスロットを置き換える…',
  'shared.replaceWarning':
    '{name} を乗っ取る目的でウェブサイトが送ってきた可能性があります。置き換えると、この端末では共有されたキーのコードしか使えません。プロバイダーから再有効化を求められた場合にだけ置き換えてください。',
  'shared.replaceConfirm': 'はい、古いスロットを置き換えます',
  'lookalike.title': 'この名前はすでにあるスロット {name} と同じに見えますが、使われている文字が違います。',
  'lookalike.body':
    '別の文字体系の文字が混じっています（ラテン文字の「a」の代わりにキリル文字の「а」など）。このプロバイダーの新しいスロットを待っていた場合だけ追加し、心当たりがなければ戻ってください。',
  'mixedScripts.title': 'この名前には、異なる文字体系の文字が混在しています。',
  'mixedScripts.body':
    '「PаyPal」のように一文字だけキリル文字にした名前は、本物のプロバイダーになりすますことができます。追加する前に、このアクティベーションがどこから来たか確かめてください。',

  'migration.title': '追加するスロットを選択',
  'migration.body': 'この QR コードには、ほかの認証アプリからエクスポートされた複数のスロットが含まれています。',
  'migration.legend': 'このエクスポートに含まれるスロット',
  'migration.partial': '{total} 個中 {read} 個の QR コードを読み取りました。続きは次の QR コードにあります。',
  'migration.scanNext': '次の QR コードを読み取る',
  'migration.already': 'Keyslot に登録済み',
  'migration.submit.one': '{count} 件のスロットを追加',
  'migration.submit.other': '{count} 件のスロットを追加',
  'migration.done.one': '{count} 件のスロットを追加しました',
  'migration.done.other': '{count} 件のスロットを追加しました',

  'confirm.title': '確認して追加',
  'confirm.body': 'このスロットを、この端末の Keyslot に追加します。',
  'confirm.name': '名前',
  'confirm.nameHint': '一覧に表示される名前です。後から変更できます。',
  'confirm.issuer': '発行元',
  'confirm.account': 'アカウント',
  'confirm.type': '種類',
  'confirm.algorithm': 'アルゴリズム',
  'confirm.digits': '桁数',
  'confirm.period': '更新間隔',
  'confirm.periodValue': '{seconds} 秒',
  'confirm.counter': 'カウンター',
  'confirm.none': '—',
  'confirm.icon': '候補のアイコンを使う：{name}',
  'confirm.submit': 'このスロットを追加',
  'confirm.done': 'スロットを追加しました',

  'import.title': 'ほかのアプリからインポート',
  'import.open': 'ほかのアプリからインポート',
  'import.body':
    'ほかの認証アプリのワンタイムパスワードを移行できます。元のアプリでエクスポートし、そのファイルをここで選択してください。ファイルはこの端末内で読み取り、どこにも送信しません。',
  'import.formats':
    '読み取れるエクスポート: Aegis、2FAS、andOTP、FreeOTP（FreeOTP 2 の暗号化バックアップを含む）、FreeOTP+、Bitwarden（JSON または CSV）、Ente Auth、Proton Authenticator、Authenticator Pro（Stratum）、TOTP Authenticator、Duo・Authy・Battle.net（Android のデータファイル）、otpauth:// リンクを並べたテキスト。',
  'import.file': 'エクスポートファイル',
  'import.fileHint':
    '例: Aegis の .json、2FAS の .2fas、andOTP のバックアップ。ファイルをここにドロップすることもできます。',
  'import.reading': 'ファイルを読み込んでいます…',
  'import.found': '{app} のエクスポート',
  'import.foundEncrypted': '{app} のエクスポート（パスワードで保護）',
  'import.password': 'ファイルのパスワード',
  'import.passwordHint':
    '{app} でエクスポートしたときに設定したパスワードです。このファイルを開くためだけに使い、保存はしません。',
  'import.unlock': 'ファイルを開く',
  'import.opening': 'ファイルを開いています…',
  'import.summary':
    'このファイルの内容: インポート対象 {new} 件、登録済み {duplicate} 件、未対応 {unsupported} 件、読み取れないもの {failed} 件。',
  'import.listLabel': 'このファイルのスロット',
  'import.chooseLabel': 'インポートするものを選ぶ',
  'import.selectAll': 'すべて選択',
  'import.selectNone': '選択をすべて解除',
  'import.chosen': '{total} 件中 {chosen} 件を選択',
  'import.leftOut': '選択していないため、インポートしません',
  'import.extra.groups': 'グループ: {names}',
  'import.extra.favourite': 'お気に入り',
  'import.extra.note': 'メモあり',
  'import.extra.icon': 'アイコンあり',
  'import.extra.trashed': 'ゴミ箱に入ります（元のアプリでゴミ箱にあったため）',
  'import.will': 'インポートします',
  'import.duplicate': 'スキップ: Keyslot に登録済み',
  'import.duplicateInFile': 'スキップ: Keyslot に登録済み、またはこのファイル内で重複',
  'import.unsupportedType': 'スキップ: {type} 形式のコードには対応していません',
  'import.failedReason': 'インポートできません: {reason}',
  'import.submit.one': '{count} 件のスロットをインポート',
  'import.submit.other': '{count} 件のスロットをインポート',
  'import.importing': 'インポートしています…',
  'import.progressLabel': 'インポートの進み具合',
  'import.progress': '{total} 件中 {done} 件を処理しました…',
  'import.imported': 'インポート済み',
  'import.reportTitle': 'インポートが完了しました',
  'import.report':
    'インポート {imported} 件、重複のためスキップ {duplicate} 件、未対応のためスキップ {unsupported} 件、失敗 {failed} 件。',
  'import.done': 'インポートが完了しました: インポート {imported} 件、スキップ {skipped} 件、失敗 {failed} 件。',
  'import.another': '別のファイルをインポート',
  'import.otherFile': '別のファイルを選択',
  'import.finish': '完了',
  'import.noName': '（名前なし）',
  'import.format.aegis': 'Aegis',
  'import.format.2fas': '2FAS',
  'import.format.andotp': 'andOTP',
  'import.format.freeotp-plus': 'FreeOTP+',
  'import.format.freeotp': 'FreeOTP',
  'import.format.bitwarden': 'Bitwarden',
  'import.format.ente': 'Ente Auth',
  'import.format.proton': 'Proton Authenticator',
  'import.format.authy': 'Authy',
  'import.format.stratum': 'Authenticator Pro（Stratum）',
  'import.format.duo': 'Duo Mobile',
  'import.format.steam': 'Steam Guard',
  'import.format.totp-authenticator': 'TOTP Authenticator',
  'import.format.battle-net': 'Battle.net Authenticator',
  'import.format.otpauth-list': 'otpauth:// リンクの一覧',

  'error.IMPORT_FORMAT':
    'このファイルは読み取れません。スクリーンショットや ZIP ではなく、エクスポートしたファイルそのもの（上記のアプリのもの）を選択してください。',
  'error.IMPORT_UNSUPPORTED':
    'この種類のファイルには対応していません（アプリのデータベース、パスワード付き ZIP、暗号化された Bitwarden のエクスポートなど）。暗号化せずに、または otpauth:// リンクとしてエクスポートし直し、そのファイルを選択してください。',
  'error.IMPORT_TOO_LARGE': 'エクスポートファイルとしては大きすぎます（{max} MB、10,000 スロットまで）。',
  'error.IMPORT_PASSWORD_NEEDED':
    'このファイルはパスワードで保護されています。エクスポート時に設定したパスワードを入力してください。',
  'error.IMPORT_PASSWORD_WRONG':
    'このパスワードではファイルを開けません。何もインポートしていません。パスワードを確認して、もう一度お試しください。',
  'error.IMPORT_DAMAGED':
    'このファイルは破損しているか、不完全です。もう一度エクスポートし、新しいファイルを選択してください。',
  'error.IMPORT_TOO_COSTLY':
    'このファイルは、どのアプリも書き出さないほど多くのパスワード確認を求めているため、Keyslot はすべてを試しませんでした。もう一度エクスポートし、新しいファイルを選択してください。',
  'error.IMPORT_CANCELLED': '中止しました。何もインポートしていません。',
  'import.openingTry': 'パスワードを確認しています（鍵 {n} / 最大 {max}）…',

  'error.INPUT_EMPTY': '入力してください。',
  'error.INPUT_TOO_LONG': 'アクティベーション URL としては長すぎます（{max} 文字まで）。',
  'error.URI_SCHEME': 'アクティベーション URL ではありません。otpauth:// で始まる URL を入力してください。',
  'error.URI_MALFORMED': 'この URL は破損しているか、不完全です。発行元からもう一度コピーしてください。',
  'error.VENDOR_APP':
    'これは他社の認証アプリ用のコードです。Keyslot では使えません。そのアプリで開くか、TOTP または HOTP のコードを発行してもらってください。',
  'error.VENDOR_APP.privacyidea-push':
    'これは privacyIDEA のプッシュトークンです。privacyIDEA Authenticator アプリでしか使えません。管理者に TOTP・HOTP トークン、または Keyslot 用のスマートフォンコンテナーを依頼してください。',
  'error.VENDOR_APP.privacyidea-other':
    'この種類の privacyIDEA トークン（デイパスワード）は privacyIDEA Authenticator アプリでしか使えません。管理者に TOTP・HOTP トークンを依頼してください。',
  'error.VENDOR_APP.motp':
    'これは mOTP トークンです。mOTP 対応アプリが必要です。Keyslot が扱えるのは TOTP と HOTP です。',
  'error.VENDOR_APP.microsoft':
    'これは Microsoft Authenticator の有効化コード（職場・学校アカウント）です。Microsoft Authenticator でしか使えません。組織が許可していれば、サインイン画面で「別の認証アプリを使用する」を選ぶと、Keyslot に追加できるコードが表示されます。',
  'error.VENDOR_APP.okta':
    'これは Okta Verify の有効化コードです。Okta Verify アプリでしか使えません。組織が許可していれば、サインイン画面で Google Authenticator（またはほかの認証アプリ）を選ぶと、Keyslot に追加できるコードが表示されます。',
  'error.VENDOR_APP.tiqr': 'これは tiqr の登録コードです。tiqr アプリでしか使えません。',
  'error.VENDOR_APP.duo':
    'これは Duo Mobile の有効化コードです。Duo Mobile アプリでしか使えません。組織が許可していれば、Duo でサードパーティの認証アプリ（TOTP）を追加すると、Keyslot に追加できるコードが表示されます。',
  'error.VENDOR_APP.passkey':
    'これはパスキーでのサインイン用コードです。Keyslot ではなく、スマートフォン本体のカメラで読み取ってください。',
  'error.TWO_STEP_INVALID':
    'この 2 段階登録コードは壊れているか、Keyslot が受け付けない設定になっています。新しいコードを発行してもらってください。',
  'twoStep.title': '提供元のページで登録を完了してください',
  'twoStep.body':
    'このコードは 2 段階で登録します。下の文字を提供元のページの「クライアント部分」の欄に入力してから、チェックを入れてスロットを追加してください。それまではコードが正しく表示されません。',
  'twoStep.code': 'この端末側の鍵',
  'twoStep.confirm': 'この文字を提供元のページに入力しました',
  'twoStep.needConfirm': '先に提供元のページで文字を入力し、チェックを入れてください。',
  'error.OTP_TYPE': 'この URL のコードの種類には対応していません（対応しているのは totp と hotp のみです）。',
  'error.LABEL_EMPTY': '発行元またはアカウント名を入力してください。',
  'error.SECRET_MISSING': 'シークレットキーが入力されていません。',
  'error.SECRET_INVALID': 'シークレットキーに使えない文字が含まれています（使えるのは A〜Z と 2〜7 のみです）。',
  'error.SECRET_TOO_SHORT': 'シークレットキーが短すぎて安全ではありません。すべてコピーできているか確認してください。',
  'error.SECRET_TOO_LONG': 'シークレットキーが長すぎます。キーだけをコピーしたか確認してください。',
  'error.ALGORITHM': '対応しているアルゴリズムは SHA-1、SHA-256、SHA-512 のみです。',
  'error.DIGITS': 'コードの桁数は {min}〜{max} 桁にしてください。',
  'error.PERIOD': '更新間隔は {min}〜{max} の整数（秒）にしてください。',
  'error.COUNTER_MISSING': 'カウンター方式のスロットには、カウンターの初期値が必要です。',
  'error.COUNTER_INVALID': 'カウンターは 0〜{max} の整数にしてください。',
  'error.NAME_TOO_LONG': '名前が長すぎます（{max} 文字まで）。',
  'error.GROUP_INVALID': 'グループには名前が必要です。',
  'error.GROUPS_TOO_MANY': '1 つのスロットに設定できるグループは {max} 個までです。',
  'error.NOTE_TOO_LONG': 'メモが長すぎます（{max} 文字まで）。',
  'error.ICON_INVALID': 'この画像はアイコンに使えません（小さな PNG、WebP、JPEG のみ）。',
  'error.NOT_ACTIVATION': 'アクティベーション用のコードではありません。何も追加していません。',
  'error.WEB_LINK':
    'これは Web ページへのリンクで、アクティベーション用のコードではありません。otpauth 形式の QR コードか Keyslot のリンクを発行元に依頼してください。',
  'error.MIGRATION_DATA':
    'この Google Authenticator のエクスポートは破損しているか、不完全です。アカウントをもう一度エクスポートし、新しい QR コードを読み取ってください。',
  'error.MIGRATION_TOO_LARGE':
    'このエクスポートは一度にインポートできる量を超えています。エクスポートするアカウントを減らして、もう一度お試しください。',
  'error.MIGRATION_OTHER_EXPORT':
    'この QR コードは別のエクスポートのものです。1 つのエクスポートの QR コードだけを読み取るか、最初からやり直してください。',
  'error.LINK_VERSION':
    'このアクティベーションリンクは新しいバージョンの Keyslot 用です。ページを再読み込みして Keyslot を更新するか、管理者に新しいリンクを依頼してください。',
  'error.LINK_DAMAGED':
    'このアクティベーションリンクは壊れているか、途中で切れています。届いたメッセージからもう一度開くか、管理者に新しいリンクを依頼してください。',
  'error.LINK_CODE_INVALID':
    'アクティベーションコードは英数字 10 文字です（例: 7KQ2M-XR9TD）。入力内容を確認してください。',
  'error.LINK_CODE_WRONG':
    'このアクティベーションコードではリンクを開けません。リンクと一緒に管理者から受け取ったコードを確認して、もう一度入力してください。',
  'error.CAMERA_DENIED':
    'Keyslot にカメラの使用が許可されていません。ブラウザでこのサイトにカメラを許可してから（アドレスの横にあるカメラまたは鍵のアイコン → カメラ: 許可）、もう一度お試しください。それでも使えない場合は、OS の設定でブラウザにカメラを許可してください。iPhone・iPad: 設定 → ご利用のブラウザ → カメラ、Android: 設定 → アプリ → ご利用のブラウザ → 権限 → カメラ、macOS: システム設定 → プライバシーとセキュリティ → カメラ、Windows: 設定 → プライバシーとセキュリティ → カメラ。',
  'error.CAMERA_MISSING':
    'カメラが見つかりません。カメラが接続され、オンになっているか確認してください（ノートパソコンにはカメラのスイッチやキーがあるものもあります）。または QR コードの画像を選択してください。',
  'error.CAMERA_BUSY':
    'カメラがほかのアプリまたはタブで使用中です。ほかのアプリ（ビデオ会議など）を閉じてから、もう一度お試しください。解決しない場合は、ブラウザを再起動してください。',
  'error.CAMERA_INSECURE':
    'Keyslot が安全な接続で開かれていないため、ブラウザがカメラと画面の取り込みをブロックしています。https:// のアドレスから Keyslot を開いてください。',
  'error.CAMERA_FAILED':
    'カメラを起動できませんでした。Keyslot を再読み込みしてもう一度お試しいただくか、QR コードの画像を選択してください。',
  'error.SCREEN_UNSUPPORTED':
    'このブラウザは画面を取り込めません。Chrome、Edge、Firefox などのパソコン用ブラウザを使うか、QR コードのスクリーンショットを撮って画像として選択してください。',
  'error.SCREEN_DENIED':
    '画面共有が開始されませんでした。キャンセルされたか、ブラウザまたは OS が許可しませんでした。もう一度お試しいただき、QR コードが表示されているウィンドウまたは画面を選択してください。macOS では、システム設定 → プライバシーとセキュリティ → 画面収録 でブラウザを許可してください。',
  'error.IMAGE_UNREADABLE':
    'このファイルは読み取れる画像ではないか、破損しています。QR コードを写した PNG または JPEG のスクリーンショットか写真を選択してください。',
  'error.IMAGE_TOO_LARGE':
    '画像が大きすぎて読み取れません。QR コードの部分だけのスクリーンショットを撮るか、小さめの写真（30 MB まで）を選択してください。',
  'error.BACKUP_PASSWORD_TOO_SHORT':
    'バックアップ用パスワードは {min} 文字以上にしてください。単語をいくつか組み合わせると、覚えやすく推測されにくくなります。',
  'error.BACKUP_PASSWORD_TOO_LONG': 'バックアップ用パスワードは {max} 文字以下にしてください。',
  'error.BACKUP_PASSWORD_MISMATCH': '2 つのバックアップ用パスワードが一致しません。',
  'error.BACKUP_NOT_BACKUP':
    'このファイルは Keyslot のバックアップではありません。Keyslot が保存した .keyslot ファイルを選択してください。何も変更していません。',
  'error.BACKUP_DAMAGED':
    'このバックアップファイルは破損しているか、不完全なため復元できません。何も変更していません。別のバックアップをお試しください。',
  'error.BACKUP_VERSION':
    'このバックアップは新しいバージョンの Keyslot で作成されています。Keyslot を再読み込みして更新してから、もう一度お試しください。何も変更していません。',
  'error.BACKUP_TOO_LARGE': 'Keyslot のバックアップとしては大きすぎるファイルです。何も変更していません。',
  'error.BACKUP_PASSWORD_WRONG':
    'バックアップ用パスワードが正しくないか、ファイルが変更されています。何も復元していません。',
  'error.BACKUP_SAVE_FAILED':
    'バックアップをファイルに書き込めませんでした（ファイルが移動または削除された可能性があります）。もう一度お試しください。保存先を改めて確認します。',
  'error.ICON_PACK_INVALID':
    'Keyslot で使えるアイコンパックではありません（Aegis のアイコンパックと同じ、pack.json を含む ZIP ファイルが必要です）。何も変更していません。',
  'error.ICON_PACK_TOO_LARGE':
    'このアイコンパックは大きすぎるか、展開するとアイコンには不要なほど大きくなります（{max} MB まで）。何も変更していません。',
  'error.ICON_PACK_INVALID.icons':
    'このアイコンパックには Keyslot で使えるアイコンがありません（スクリプトなどを含まない SVG、PNG、JPEG が使えます）。何も変更していません。',
  'error.ICON_PACK_TOO_MANY': 'インストールできるアイコンパックは {max} 個までです。先にどれかを削除してください。',
  'error.QR_DECODER_FAILED':
    'このブラウザでは QR コードの読み取り機能を起動できませんでした。Keyslot を再読み込みしてもう一度お試しいただくか、アクティベーション URL またはシークレットキーでスロットを追加してください。',

  'welcome.title': 'Keyslot へようこそ',
  'welcome.body1':
    'Keyslot は、VPN などのサービスにサインインするときに入力するワンタイムパスワードを表示します。情報システム部門からインストールを案内されるソフトウェアトークンアプリと同じ役割です。',
  'welcome.body2':
    'データはすべてこの端末内に、ご自身で決めた PIN で暗号化して保存されます。Keyslot はネットワークなしで動作し、どこにもデータを送信しません。',
  'welcome.start': 'はじめる',

  'setup.title': 'PIN の設定',
  'setup.body':
    'Keyslot を開くたびにこの PIN を入力します。VPN の PIN とは別のものです。忘れた場合、誰にも再設定できません。',
  'setup.rules': '{min} 桁以上の数字。123456 のような推測されやすい番号は避けてください。',
  'setup.submit': 'PIN を設定',
  'setup.working': 'データを保護しています…',
  'setup.title.passphrase': 'パスフレーズの設定',
  'setup.body.passphrase':
    'Keyslot を開くたびにこのパスフレーズを入力します。VPN のパスワードとは別のものです。忘れた場合、誰にも再設定できません。',
  'setup.rules.passphrase':
    '{min} 文字以上。関係のない単語をいくつか組み合わせると、覚えやすく推測されにくくなります。',
  'setup.submit.passphrase': 'パスフレーズを設定',
  'setup.usePassphrase': '代わりにパスフレーズを使う',
  'setup.usePin': '代わりに PIN を使う',

  'manifest.description': 'VPN などのログインに使うワンタイムパスワードを、オフラインでブラウザに表示します。',
  'manifest.shortcut.scan': 'QR コードを読み取る',
  'manifest.shortcut.add': 'スロットを追加',
  'manifest.screenshot.narrow': 'スロット一覧と現在のワンタイムパスワード',
  'manifest.screenshot.wide': 'パソコンで使う Keyslot: スロットとワンタイムパスワード',

  'install.done': 'Keyslot をインストールしました',
  'install.steps.title': 'Keyslot をインストール',
  'install.steps.intro':
    'Keyslot をホーム画面に追加してください。アプリと同じように開けるようになり、ネットワークなしで動作し、Safari にスロットが削除されなくなります。',
  'install.steps.share':
    '共有ボタン（上向き矢印の付いた四角）をタップします。iPhone では画面下、iPad では右上にあります。',
  'install.steps.add': '一覧を下にスクロールし、「ホーム画面に追加」をタップします。',
  'install.steps.confirm': '「追加」をタップします。今後はアイコンから Keyslot を開いてください。',
  'install.installed': 'この端末にインストールした Keyslot を使用しています。',
  'install.unavailable':
    'Keyslot をインストールするには、ブラウザのメニューから「インストール」または「ホーム画面に追加」を選んでください。',

  'settings.title': '設定',
  'settings.section.security': 'セキュリティ',
  'settings.section.security.summary': '自動ロック、PIN、パスキー、PIN の入力ミス',
  'settings.section.backups': 'バックアップ',
  'settings.section.backups.summary': 'バックアップ、復元、書き出し、ほかのアプリからのインポート',
  'settings.section.privacyidea': 'privacyIDEA 連携',
  'settings.section.privacyidea.summary': '組織が管理するスロットの同期',
  'settings.section.appearance': '表示',
  'settings.section.appearance.summary': 'スロット一覧の表示の詰め具合とアイコンパック',
  'settings.section.language': '言語',
  'settings.section.clock': '時計',
  'settings.section.clock.summary': '端末の時計をサーバーの時刻と照らし合わせる',
  'settings.section.storage': 'ストレージ',
  'settings.section.storage.summary': 'このブラウザがスロットを消さずに保つか',
  'settings.section.about': 'Keyslot について',
  'settings.section.about.summary': 'インストール、バージョン',
  'settings.language.title': '言語',
  'settings.language.label': '言語',
  'settings.appearance.title': '表示',
  'settings.appearance.density': 'スロット一覧',
  'settings.appearance.compact': 'コンパクト',
  'settings.appearance.comfortable': 'ゆったり',
  'settings.appearance.densityHint':
    'コンパクトでは画面により多くのスロットが並び、ゆったりでは一つひとつが大きく表示されます。',
  'settings.clock.title': '時計',
  'settings.clock.body':
    '時間方式のコードは、端末の時計が正確なときだけ正しく生成されます。Keyslot はオンラインのときに端末の時計を自身のサーバーの時刻と比較し、オフラインでも使えるよう最後の結果を保存します。',
  'settings.clock.never': 'まだ測定していません。',
  'settings.clock.behind': '最終測定 {when}: {seconds} 秒遅れています。',
  'settings.clock.ahead': '最終測定 {when}: {seconds} 秒進んでいます。',
  'settings.clock.ok': '最終測定 {when}: 誤差 {seconds} 秒以内で正確です。',
  'settings.clock.correct': '測定した誤差の分だけコードを補正',
  'settings.clock.correctHint': 'オンにしない限りオフです。端末の時刻を自動設定にする方が確実です。',
  'settings.clock.check': '今すぐ確認',
  'settings.clock.checking': '確認しています…',
  'settings.storage.title': 'この端末での保存',
  'settings.storage.checking': '確認しています…',
  'settings.storage.persistent': '保持: 容量を空けるためにブラウザがスロットを削除することはありません。',
  'settings.storage.notPersistent': '保持は保証されていません: ブラウザがスロットを削除する場合があります。',
  'settings.storage.unknown': 'このブラウザは、スロットを保持するかどうかを示していません。',
  'settings.storage.why':
    'ブラウザは空き容量が少なくなるとサイトのデータを削除することがあります。また Safari は、ホーム画面に追加されていないサイトのデータを、7 日間使われないと削除します。',
  'settings.storage.whatToDo':
    'スロットを守るには、Keyslot をこの端末にインストールし、バックアップを取っておいてください（設定 →「バックアップ」）。',
  'settings.storage.openBackups': '「バックアップ」を開く',
  'settings.storage.ask': 'スロットを保持するようブラウザに依頼',
  'settings.storage.denied': 'ブラウザに許可されませんでした。通常は Keyslot をインストールすると許可されます。',
  'settings.usage': 'このブラウザが Keyslot に許可している {quota} のうち、{used} を使用しています。',
  'settings.usageUnknown': 'このブラウザは、Keyslot の使用容量を示していません。',
  'settings.install.title': 'インストール',
  'settings.install.body':
    'インストールすると、ほかのアプリと同じようにホーム画面から開けて、ネットワークがなくても動作します。',
  'settings.locking.title': 'ロック',
  'settings.locking.hidden': 'Keyslot がバックグラウンドになったらロック',
  'settings.locking.idle': '操作がないときにロック',
  'settings.locking.immediately': 'すぐに',
  'settings.locking.never': 'しない',
  'settings.locking.seconds': '{count} 秒後',
  'settings.locking.minute': '1 分後',
  'settings.locking.minutes': '{count} 分後',
  'settings.locking.tapToReveal': 'タップしてコードを表示',
  'settings.locking.tapToRevealHint':
    'コードは選択するまで「•」で隠されます。選択したコードは切り替わるまで表示され、コピーされます。Keyslot がバックグラウンドにある間は、常にコードを隠します。',
  'settings.security.title': 'セキュリティ',
  'changePin.title': 'PIN の変更',
  'changePin.body': 'スロットはそのままで、スロットを開く PIN だけが変わります。',
  'changePin.current': '現在の PIN',
  'changePin.new': '新しい PIN',
  'changePin.confirm': '新しい PIN（確認）',
  'changePin.submit': 'PIN を変更',
  'changePin.working': 'PIN を変更しています…',
  'changePin.done': 'PIN を変更しました',
  'changePin.title.passphrase': 'パスフレーズの変更',
  'changePin.body.passphrase': 'スロットはそのままで、スロットを開くパスフレーズだけが変わります。',
  'changePin.current.passphrase': '現在のパスフレーズ',
  'changePin.new.passphrase': '新しいパスフレーズ',
  'changePin.confirm.passphrase': '新しいパスフレーズ（確認）',
  'changePin.submit.passphrase': 'パスフレーズを変更',
  'changePin.working.passphrase': 'パスフレーズを変更しています…',
  'changePin.done.passphrase': 'パスフレーズを変更しました',
  'changePin.newKind': 'ロック解除の方法',
  'changePin.kind.digits': 'PIN（数字）',
  'changePin.kind.passphrase': 'パスフレーズ（任意の文字、より長い）',
  'passkey.current.passphrase': 'パスフレーズ',
  'passkey.title': '指紋・顔認証・セキュリティキーでロック解除',
  'passkey.body':
    'パスキーを追加すると、PIN を入力せずに Keyslot を開けます。PIN は引き続き使え、この設定のような変更には PIN が必要です。',
  'passkey.on': 'この端末では、パスキーで Keyslot のロックを解除できます。',
  'passkey.current': 'PIN',
  'passkey.add': 'パスキーを追加',
  'passkey.adding': 'パスキーを追加しています…',
  'passkey.added': 'パスキーを追加しました',
  'passkey.remove': 'パスキーを削除',
  'passkey.removed': 'パスキーを削除しました',
  'settings.security.attempts':
    'PIN を 5 回続けて間違えると、次に入力できるまで待つ必要があります。待ち時間は 30 秒から始まり、さらに間違えるたびに 2 倍になります（最長 1 時間）。',
  'settings.security.erase': 'PIN を 10 回間違えたらすべてのスロットを消去',
  'settings.security.eraseHint':
    'PIN を推測しようとする人は、合計 10 回しか試せなくなります。ただし、ご自身が PIN を忘れた場合もスロットは消去されます。その場合は発行元（情報システム部門など）に再アクティベーションを申請し、改めて追加してください。',
  'settings.security.eraseOn': 'PIN を 10 回間違えるとスロットを消去します',
  'settings.security.eraseOff': 'PIN を間違えてもスロットは消去しません',
  'backup.title': 'バックアップ',
  'backup.body':
    'バックアップは、すべてのスロットをバックアップ用パスワードで暗号化した 1 つのファイルです。この端末以外の場所（USB メモリ、クラウドストレージなど）に保管してください。ブラウザからスロットが失われたときや、新しい端末に移るときに、スロットを復元できます。',
  'backup.none':
    'バックアップはまだありません。ブラウザからスロットが失われても復元できるよう、バックアップを作成してください。',
  'backup.lastFile': '最終バックアップ: {date}（ファイル {file} に保存）',
  'backup.lastDownload': '最終バックアップ: {date}（ダウンロードに {file} として保存）',
  'backup.changed': '最終バックアップ以降にスロットが変更されています。もう一度バックアップしてください。',
  'backup.upToDate': 'バックアップにはすべてのスロットが含まれています。',
  'backup.empty': '先にスロットを追加してください。バックアップするものがまだありません。',
  'backup.password': 'バックアップ用パスワード',
  'backup.confirm': 'バックアップ用パスワード（確認）',
  'backup.passwordHint':
    '8 文字以上。ファイルは持ち運ばれることがあるため、PIN とは別のものにしてください。Keyslot はこのパスワードを復旧できません。忘れると、ご自身を含め誰もバックアップを開けません。',
  'backup.passwordHint.passphrase':
    '8 文字以上。ファイルは持ち運ばれることがあるため、Keyslot を開くパスフレーズとは別のものにしてください。Keyslot はこのパスワードを復旧できません。忘れると、ご自身を含め誰もバックアップを開けません。',
  'backup.submit': '暗号化したコピーを保存',
  'backup.working': '暗号化したコピーを保存しています…',
  'backup.done': 'バックアップを保存しました',
  'backup.notSaved':
    '保存していません。ファイルが選ばれませんでした。保存するには、もう一度「暗号化したコピーを保存」を押してファイルを選んでください。',
  'backup.fileType': 'Keyslot のバックアップ',
  'restore.title': 'バックアップから復元',
  'restore.body':
    '.keyslot バックアップファイルを選択し、そのパスワードを入力してください。この端末のスロットは残ります。同じスロットがすでにある場合はスキップし、内容が異なる場合はどちらを残すか選べます。',
  'restore.file': '復元するファイル',
  'restore.password': 'バックアップのパスワード',
  'restore.submit': '復元',
  'restore.working': 'バックアップを開いています…',
  'restore.stop': '中止',
  'restore.stopped': '中止しました。何も復元していません。',
  'restore.conflicts': '次のスロットは、キーが異なるものがすでにあります。残す方を選んでください:',
  'restore.keep': 'この端末のスロットを残す',
  'restore.replace': 'バックアップのスロットに置き換える',
  'restore.both': '両方残す',
  'restore.finish': '復元を完了',
  'restore.cancel': '復元をキャンセル',
  'restore.noFile': '先にバックアップファイルを選択してください。',
  'restore.done': '復元が完了しました',
  'restore.summary': '復元が完了しました: 追加 {added} 件、スキップ {skipped} 件（登録済み）、置き換え {replaced} 件。',
  'export.title': 'テキストでエクスポート',
  'export.warning':
    'このエクスポートは暗号化されていません。ファイルを手に入れた人は誰でもワンタイムパスワードを生成できます。ほかのアプリへスロットを移すときだけ使い、移行後はファイルを削除してください。Keyslot で付けたスロット名は含まれません。',
  'export.pin': 'PIN',
  'export.pin.passphrase': 'パスフレーズ',
  'export.submit': 'テキストでエクスポート',
  'export.working': '確認しています…',
  'export.done': 'テキスト形式のエクスポートをダウンロードしました',
  'qr.title': '{name} を別の端末に移す',
  'qr.pinBody':
    'このスロットの QR コードを表示するには PIN を入力してください。QR コードを読み取った人は誰でも、このスロットのワンタイムパスワードを生成できます。',
  'qr.pin': 'PIN',
  'qr.pin.passphrase': 'パスフレーズ',
  'qr.pinBody.passphrase':
    'このスロットの QR コードを表示するにはパスフレーズを入力してください。QR コードを読み取った人は誰でも、このスロットのワンタイムパスワードを生成できます。',
  'qr.show': 'QR コードを表示',
  'qr.working': '確認しています…',
  'qr.image': '{name} の QR コード',
  'qr.hint': '移行先の端末の認証アプリで読み取ってください。',
  'qr.limit':
    '発行元によっては、1 つのスロットを登録できる端末の数に上限があったり（例: 最大 2 台）、別の端末に登録すると元の端末のコードが使えなくなったりします。両方の端末で使い続ける前に、発行元に確認してください。',
  'qr.close': '閉じる',
  'settings.about.title': 'Keyslot について',
  'settings.version': 'Keyslot バージョン {version}',

  'gone.title': 'このブラウザからスロットが失われました',
  'gone.body1':
    'このブラウザでは {date} に Keyslot がセットアップされましたが、保存されていたスロットがなくなっています。このサイトのブラウザ保存領域が消去されました。閲覧データの消去によるもの、またはブラウザが容量を空けるためや、しばらく使われなかったために消去したものです。',
  'gone.body2':
    'Keyslot ではスロットを元に戻せません。また、スロットをどこかに送信したことはありません。ワンタイムパスワードを再び使うには、各発行元（情報システム部門など）にトークンの再アクティベーションを申請し、新しいアクティベーションをここで追加してください。Keyslot のバックアップがある場合は、PIN を設定してから復元してください（設定 → バックアップから復元）。',
  'gone.body3': '再発防止のため、Keyslot をインストールし、バックアップを取っておいてください（設定 → バックアップ）。',
  'gone.start': '最初からセットアップ',
  'gone.erasedTitle': 'スロットが消去されました',
  'gone.erasedBody1':
    'PIN を 10 回続けて間違えたため、設定に従い、すべてのスロットを消去しました。スロットはこの端末から削除されています。Keyslot がスロットをどこかに送信したことはありません。',
  'gone.erasedBody2':
    'ワンタイムパスワードを再び使うには、各発行元（情報システム部門など）にアクティベーションの再発行を申請し、新しい PIN を設定してから、新しいアクティベーションをここで追加してください。',
};
