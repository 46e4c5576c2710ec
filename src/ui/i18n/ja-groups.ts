import type { enGroups } from './en-groups';

/** 日本語: 設定 → グループ、Google 認証システムへのエクスポート、インポート結果のアイコン候補（en-groups.ts と同じキー）。 */
export const jaGroups: Record<keyof typeof enGroups, string> = {
  'settings.section.groups': 'グループ',
  'settings.section.groups.summary': 'スロットのグループの作成・名前変更・削除',
  'groups.admin.title': 'グループの一覧',
  'groups.admin.body':
    'スロットは複数のグループに入れられます。新しいグループはここで作れます。各スロットの「詳細」からもグループに追加できます。ここでグループの名前を変えたり削除したりすると、そのグループのすべてのスロットに反映されます。グループを削除しても、スロットは削除されません。',
  'groups.admin.none':
    'グループはまだありません。「新しいグループ」から作るか、スロットの「詳細」でグループに追加できます。',
  'groups.create.open': '新しいグループ',
  'groups.create.title': '新しいグループ',
  'groups.create.name': 'グループ名',
  'groups.create.slots': 'このグループに入れるスロット',
  'groups.create.slotsHint':
    'グループはスロットに付けるラベルなので、スロットが 1 つ以上必要です。あとから各スロットの「詳細」で追加・削除できます。',
  'groups.create.submit': 'グループを作成',
  'groups.create.noSlots': 'グループを作るには、先にスロットを追加してください。',
  'error.GROUP_EXISTS': '同じ名前のグループがすでにあります。別の名前にするか、そのグループの名前を変更してください。',
  'error.GROUP_NO_SLOTS':
    'スロットを 1 つ以上選んでください。グループはスロットに付けるラベルなので、空にはできません。',
  'groups.count.one': 'スロット {count} 件',
  'groups.count.other': 'スロット {count} 件',
  'groups.renameShort': '名前を変更',
  'groups.rename': '{group} の名前を変更',
  'groups.renameTo': '{group} の新しい名前',
  'groups.renameSave': '名前を保存',
  'groups.deleteShort': '削除',
  'groups.delete': 'グループ {group} を削除',
  'groups.deleteTitle': 'グループ「{group}」を削除しますか？',
  'groups.deleteBody.one': 'このグループのスロット {count} 件は削除されず、グループから外れるだけです。',
  'groups.deleteBody.other': 'このグループのスロット {count} 件は削除されず、グループから外れるだけです。',
  'groups.deleteConfirm': 'グループを削除',
  'groups.mergeTitle': '「{from}」を「{into}」にまとめますか？',
  'groups.mergeBody':
    'その名前のグループはすでにあります。名前を変えようとしているグループのスロットは、そちらのグループに入ります。両方に入っているスロットは 1 つにまとまります。',
  'groups.mergeConfirm': 'グループをまとめる',
  'gexport.title': 'Google 認証システムへエクスポート',
  'gexport.body':
    '選んだスロットを QR コードで表示します。Google 認証システム（「アカウントを移行」→「アカウントをインポート」）や、ほとんどの認証アプリで読み取れます。読み取った人は誰でも、これらのスロットのコードを生成できます。',
  'gexport.open': 'スロットを選んでエクスポート',
  'gexport.choose': 'エクスポートするスロット',
  'gexport.all': 'すべて選択',
  'gexport.none': '選択をすべて解除',
  'gexport.chosen.one': '{count} 件を選択中',
  'gexport.chosen.other': '{count} 件を選択中',
  'gexport.reason.kind': 'Google の形式は Steam Guard のコードに対応していないため、含められません。',
  'gexport.reason.period': 'Google の形式は 30 秒ごとのコードにしか対応していないため、含められません。',
  'gexport.reason.digits': 'Google の形式は 6 桁か 8 桁のコードにしか対応していないため、含められません。',
  'gexport.reason.too-large': 'QR コード 1 つに収まらないため、含めませんでした。',
  'gexport.reasonHint': '含められないスロットも、「QR コードで表示」で 1 つずつ移せます。',
  'gexport.managed.one':
    'privacyIDEA が管理するスロット {count} 件は含まれません。サーバーがこの端末だけに割り当てたものだからです。',
  'gexport.managed.other':
    'privacyIDEA が管理するスロット {count} 件は含まれません。サーバーがこの端末だけに割り当てたものだからです。',
  'gexport.pin': 'PIN',
  'gexport.pin.passphrase': 'パスフレーズ',
  'gexport.pinBody': 'QR コードを表示するには、PIN を入力してください。',
  'gexport.pinBody.passphrase': 'QR コードを表示するには、パスフレーズを入力してください。',
  'gexport.show': 'QR コードを表示',
  'gexport.working': '確認しています…',
  'gexport.nothing': 'スロットを 1 つ以上選んでください。',
  'gexport.page': 'QR コード {page} / {count}',
  'gexport.image': 'Google 認証システム用エクスポートの QR コード（{page} / {count}）',
  'gexport.hint':
    'Google 認証システムで「アカウントを移行」→「アカウントをインポート」を選び、QR コードを順に読み取ってください。ほかのアプリでは、Google 認証システムからのインポート機能を使います。',
  'gexport.previous': '前へ',
  'gexport.next': '次へ',
  'gexport.left': '含まれなかったスロット',
  'import.suggestIcons.one': 'インポートしたスロット {count} 件に候補のアイコンを使う',
  'import.suggestIcons.other': 'インポートしたスロット {count} 件に候補のアイコンを使う',
  'import.suggestIconsHint':
    'インストール済みのアイコンパックから、サービス名で選んだアイコンです。アイコン付きでインポートしたスロットはそのままです。アイコンはあとから「詳細」でいつでも変更できます。',
  'import.iconsUsed.one': 'インポートしたスロット {count} 件に候補のアイコンを設定しました。',
  'import.iconsUsed.other': 'インポートしたスロット {count} 件に候補のアイコンを設定しました。',
  'error.MIGRATION_TOO_LARGE.slots':
    '1 回でエクスポートできる数を超えています。選ぶスロットを減らし、残りはあとでエクスポートしてください。',
};
