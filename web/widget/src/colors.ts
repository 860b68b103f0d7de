// The library picks its colour; the widget keeps text on it readable (WCAG 2.2 AA contrast)
// by choosing black or white text, and darkens the colour where it is used as text or a
// border on white until it reaches the contrast those need.

function parseHex(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

const hex = (rgb: [number, number, number]) => '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');

export interface Palette {
  /** Background of the launcher, header and the patron's bubbles. */
  accent: string;
  /** Text on `accent`. */
  onAccent: string;
  /** The accent where it is text or an outline on white (4.5:1 at least). */
  accentInk: string;
}

export const DEFAULT_COLOR = '#1d4ed8';

export function palette(color: string | undefined): Palette {
  const rgb = parseHex(color ?? '') ?? parseHex(DEFAULT_COLOR)!;
  const white: [number, number, number] = [255, 255, 255];
  const black: [number, number, number] = [17, 17, 17];
  const onAccent = contrast(rgb, white) >= contrast(rgb, black) ? white : black;
  // A very light or mid colour cannot carry white or black text at 4.5:1: darken it.
  let accent = rgb;
  while (contrast(accent, onAccent) < 4.5) {
    accent = accent.map((c) => Math.round(onAccent === white ? c * 0.9 : c + (255 - c) * 0.1)) as typeof rgb;
  }
  let ink = rgb;
  while (contrast(ink, white) < 4.5) ink = ink.map((c) => Math.round(c * 0.9)) as typeof rgb;
  return { accent: hex(accent), onAccent: hex(onAccent), accentInk: hex(ink) };
}
