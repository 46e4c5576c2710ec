// Keyslot's boot script (issue 16; docs/architecture.md "Boot path"). A classic script of our own
// origin, run before the app's entry: it shows one of the copies prerendered in index.html. With a
// boot note (src/platform/boot-note.ts, `keyslot.boot` = "1 <language> <pin|passphrase>"): the
// unlock form it names, its field focused; the Unlock screen adopts what was typed. On a first
// visit (no note, no "had a vault" marker `keyslot.hadVault`, src/platform/storage-health.ts): the
// welcome screen, in the language the app picks (src/main.ts: the choice in `keyslot.prefs`, else
// the browser's languages, else English; languages.ts pickLanguage); the Welcome screen takes it
// over (src/ui/boot-shell.ts). boot-shell.config.ts minifies it and emits it as
// /assets/boot-<hash>.js (CSP `script-src 'self'`: no inline script). Keep it tiny: it is fetched
// before the first interaction. Anything unexpected: nothing is shown, the app draws its first screen.
(function () {
  try {
    var store = localStorage;
    var note = /^1 ([a-z]{2,3}) (pin|passphrase)$/.exec(store.getItem('keyslot.boot') || '');
    var lang = note && note[1];
    var shell = null;
    // The welcome copy in a language, if Keyslot speaks it (index.html holds one per language).
    var welcome = function (tag) {
      return /^[a-z]{2,3}$/.test(tag) && document.getElementById('boot-' + (lang = tag) + '-welcome');
    };
    // An activation link (#add=, as src/ui/launch.ts reads it) has its own wording: the app draws that screen itself.
    if (/^#(?:[^&]*&)*add=/.test(location.hash)) note = null;
    else if (note) shell = document.getElementById('boot-' + lang + '-' + note[2]);
    else if (store.getItem('keyslot.hadVault') === null) {
      var prefs = null;
      try {
        prefs = JSON.parse(store.getItem('keyslot.prefs'));
      } catch (e) {
        // damaged preferences: the app reads them as the defaults (no language chosen)
      }
      shell = prefs && prefs.v === 1 && typeof prefs.language === 'string' && welcome(prefs.language);
      var tags = navigator.languages || [navigator.language];
      for (var t = 0; !shell && t < tags.length; t++) shell = welcome(String(tags[t]).toLowerCase().split(/[-_]/)[0]);
      shell = shell || welcome('en');
    }
    // Only the shown copy stays: a field labelled "PIN" or a welcome heading exists once.
    var copies = document.querySelectorAll('.boot-shell');
    for (var i = 0; i < copies.length; i++) if (copies[i] !== shell) copies[i].remove();
    if (!shell) return;
    document.documentElement.lang = lang;
    shell.hidden = false;
    var button = shell.querySelector('button');
    if (!note) {
      // Start pressed before the app is ready: remembered (the app goes on once it has taken
      // over) and shown as taken, so a second press does not look lost.
      button.disabled = false;
      button.onclick = function () {
        button.setAttribute('data-started', '');
        button.setAttribute('aria-disabled', 'true');
      };
      // As the app does: the heading first, so a screen reader starts at the top.
      shell.querySelector('h1').focus();
      return;
    }
    var form = shell.querySelector('form');
    var input = form.querySelector('input');
    input.oninput = function () {
      button.disabled = !input.value;
    };
    // Enter before the app is ready: remembered, the app submits once it has taken the field over.
    form.onsubmit = function (event) {
      event.preventDefault();
      if (input.value) form.setAttribute('data-submitted', '');
    };
    input.focus();
  } catch (e) {
    // storage blocked or markup missing: the app draws its first screen as without this script
  }
})();
