// Keyslot's boot script (issue 16; docs/architecture.md "Boot path"). A classic script of our own
// origin, run before the app's entry: it shows the unlock form prerendered in index.html that the
// boot note (src/platform/boot-note.ts, `keyslot.boot` = "1 <language> <pin|passphrase>") names,
// and focuses its field. The app's Unlock screen adopts what was typed (src/ui/boot-shell.ts).
// boot-shell.config.ts minifies it and emits it as /assets/boot-<hash>.js (CSP
// `script-src 'self'`: no inline script). Keep it tiny: it is fetched before the first interaction.
// No note, or anything unexpected: nothing is shown, the app draws its own first screen.
(function () {
  try {
    var note = /^1 ([a-z]{2,3}) (pin|passphrase)$/.exec(localStorage.getItem('keyslot.boot') || '');
    // An activation link (#add=) has its own wording: the app draws that screen itself.
    var shell = note && !/^#add=/.test(location.hash) && document.getElementById('boot-' + note[1] + '-' + note[2]);
    // Only the shown copy stays: a field labelled "PIN" exists once, and a first visit has none.
    var copies = document.querySelectorAll('.boot-shell');
    for (var i = 0; i < copies.length; i++) if (copies[i] !== shell) copies[i].remove();
    if (!shell) return;
    var form = shell.querySelector('form');
    var input = form.querySelector('input');
    var button = form.querySelector('button');
    document.documentElement.lang = note[1];
    shell.hidden = false;
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
