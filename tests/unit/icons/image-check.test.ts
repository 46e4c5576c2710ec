import { describe, expect, it } from 'vitest';
import { iconMime, isSafeSvg } from '../../../src/core/icons/image-check';

const svg = (body: string, attrs = '') =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${body}</svg>`,
  );

describe('SVG icons Keyslot will show', () => {
  it.each([
    ['a plain shape', svg('<circle cx="1" cy="1" r="1" fill="#f00"/>')],
    [
      'gradients and uses that point inside the file',
      svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><use xlink:href=\'#g\'/>'),
    ],
    [
      'an XML declaration and a comment first',
      new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo --><svg viewBox="0 0 1 1"></svg>'),
    ],
    ['inline CSS without outside references', svg('<style>.a{fill:#123}</style><path class="a" d="M0 0"/>')],
  ])('accepts %s', (_name, bytes) => {
    expect(isSafeSvg(bytes)).toBe(true);
    expect(iconMime('x.svg', bytes)).toBe('image/svg+xml');
  });

  it.each([
    ['a script element', svg('<script>alert(1)</script>')],
    ['a script element in odd case and spacing', svg('< SCRIPT >alert(1)</script>')],
    ['foreignObject', svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>')],
    ['an event handler', svg('<rect/>', ' onload="alert(1)"')],
    ['an event handler on a child', svg('<rect\nonclick=alert(1) />')],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>')],
    ['a javascript: link spelled with character references', svg('<a href="&#106;avascript:alert(1)"><rect/></a>')],
    ['an external image', svg('<image href="https://tracker.example/p.png"/>')],
    ['an external use', svg('<use xlink:href="other.svg#a"/>')],
    ['a data: reference', svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>')],
    ['CSS url() to outside', svg('<rect style="fill:url(https://x.example/a)"/>')],
    ['CSS @import', svg('<style>@import "https://x.example/a.css";</style>')],
    [
      'a DOCTYPE with entities',
      new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>'),
    ],
    [
      'an xml-stylesheet instruction',
      new TextEncoder().encode('<?xml-stylesheet href="https://x.example/a.css"?><svg></svg>'),
    ],
    ['an iframe', svg('<iframe src="https://x.example"/>')],
    ['an HTML document', new TextEncoder().encode('<html><body><svg></svg></body></html>')],
    ['bytes that are not UTF-8', Uint8Array.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0x3e])],
  ])('refuses %s', (_name, bytes) => {
    expect(isSafeSvg(bytes)).toBe(false);
    expect(iconMime('x.svg', bytes)).toBeNull();
  });
});

describe('PNG and JPEG icons', () => {
  it('are recognised by their signature, whatever the extension case, and refused when it is missing', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    expect(iconMime('A.PNG', png)).toBe('image/png');
    expect(iconMime('a.jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(iconMime('a.png', Uint8Array.from([0xff, 0xd8, 0xff, 0xdb]))).toBeNull();
    expect(iconMime('a.gif', png)).toBeNull();
  });
});
