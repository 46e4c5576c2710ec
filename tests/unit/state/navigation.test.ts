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
