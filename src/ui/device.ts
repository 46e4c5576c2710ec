/** iPhone, iPod, iPad (iPadOS reports itself as a Mac with touch). Any browser there installs via Share. */
export function isAppleMobile(userAgent: string, platform: string, maxTouchPoints: number): boolean {
  return /\b(iPhone|iPad|iPod)\b/.test(userAgent) || (platform === 'MacIntel' && maxTouchPoints > 1);
}
