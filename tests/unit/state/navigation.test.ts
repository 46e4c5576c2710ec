// Navigation: screens, and Settings as a page of sections that each open their own screen.
import { describe, expect, it } from 'vitest';
import { Navigation, SETTINGS_SECTIONS } from '../../../src/ui/state/navigation.svelte.ts';

describe('Navigation through Settings', () => {
  it('opens Settings at its list of sections', () => {
    const nav = new Navigation();
    nav.screen = 'slots';
    nav.openSettings();
    expect(nav.screen).toBe('settings');
    expect(nav.settingsSection).toBeNull();
    expect(nav.unlocked).toBe(true);
  });

  it('opens a section, and Back returns to the list with that section to focus', () => {
    const nav = new Navigation();
    nav.openSettings();
    nav.openSection('backups');
    expect(nav.settingsSection).toBe('backups');
    expect(nav.returnToSection).toBeNull();
    nav.closeSection();
    expect(nav.settingsSection).toBeNull();
    expect(nav.returnToSection).toBe('backups');
  });

  it('comes back from an import opened in Settings → Backups to that section', () => {
    const nav = new Navigation();
    nav.openSettings();
    nav.openSection('backups');
    nav.openImport('settings');
    expect(nav.screen).toBe('import');
    nav.closeImport();
    expect(nav.screen).toBe('settings');
    expect(nav.settingsSection).toBe('backups');
  });

  it('starts again at the list, not at the section left last time, when Settings is opened from the list', () => {
    const nav = new Navigation();
    nav.openSettings();
    nav.openSection('security');
    nav.screen = 'slots';
    nav.openSettings();
    expect(nav.settingsSection).toBeNull();
    expect(nav.returnToSection).toBeNull();
  });

  it('lists each section once', () => {
    expect(new Set(SETTINGS_SECTIONS).size).toBe(SETTINGS_SECTIONS.length);
    expect(SETTINGS_SECTIONS).toContain('security');
  });
});

describe('Navigation after an add', () => {
  it('goes back to the list once the add is done', () => {
    const nav = new Navigation();
    nav.openAdd({ kind: 'text', text: '#add=first' });
    const started = nav.addIntent;
    nav.closeAdd(started);
    expect(nav.screen).toBe('slots');
    expect(nav.addIntent).toEqual({ kind: 'choose' });
  });

  it('stays on the add screen with a link that arrived while the previous slot was being saved', () => {
    const nav = new Navigation();
    nav.openAdd({ kind: 'text', text: '#add=first' });
    const started = nav.addIntent;
    const second = { kind: 'text', text: '#add=second' } as const;
    nav.openAdd(second); // the hashchange, during the save
    nav.closeAdd(started);
    expect(nav.screen).toBe('add');
    expect(nav.addIntent).toBe(second);
  });
});

/** A history like the browser's, as far as Navigation uses it: one extra entry or none. */
function fakeHistory() {
  const h = {
    held: false,
    holds: 0,
    back: () => {},
    hold() {
      if (!h.held) h.holds += 1;
      h.held = true;
    },
    release() {
      h.held = false;
    },
    listen(back: () => void) {
      h.back = back;
    },
    /** The person presses Back: the extra entry goes, then Navigation hears of it. */
    pressBack() {
      if (!h.held) throw new Error('Back would leave Keyslot');
      h.held = false;
      h.back();
    },
  };
  return h;
}

describe('the system Back button', () => {
  it('holds one history entry while an inner screen shows, and none on the list or when locked', () => {
    const history = fakeHistory();
    const nav = new Navigation(history);
    nav.screen = 'slots';
    expect(history.held).toBe(false);
    nav.openSettings();
    nav.openSection('backups');
    expect(history.held).toBe(true);
    expect(history.holds).toBe(1);
    nav.screen = 'locked'; // auto-lock on a Settings section
    expect(history.held).toBe(false);
  });

  it('goes from a Settings section to Settings, then to the list, then lets the browser leave', () => {
    const history = fakeHistory();
    const nav = new Navigation(history);
    nav.screen = 'slots';
    nav.openSettings();
    nav.openSection('security');
    history.pressBack();
    expect(nav.screen).toBe('settings');
    expect(nav.settingsSection).toBeNull();
    expect(nav.returnToSection).toBe('security');
    expect(history.held).toBe(true);
    history.pressBack();
    expect(nav.screen).toBe('slots');
    expect(() => history.pressBack()).toThrow('leave');
  });

  it('lets the open screen decide: Add cancels through its own handler, Import stays while it runs', () => {
    const history = fakeHistory();
    const nav = new Navigation(history);
    nav.screen = 'slots';
    nav.openImport('add');
    let running = true;
    const remove = nav.handleBack(() => running || nav.closeImport());
    history.pressBack();
    expect(nav.screen).toBe('import');
    expect(history.held).toBe(true); // held again: the next Back is still Keyslot's
    running = false;
    history.pressBack();
    expect(nav.screen).toBe('add');
    remove();
    history.pressBack(); // no handler any more: Add closes to the list
    expect(nav.screen).toBe('slots');
    expect(history.held).toBe(false);
  });

  it('never holds an entry when there is no history (tests, server rendering)', () => {
    const nav = new Navigation();
    nav.openSettings();
    expect(() => nav.back()).not.toThrow();
    expect(nav.screen).toBe('slots');
  });
});
