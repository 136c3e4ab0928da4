// Applies the saved theme before the first paint, so a dark page never flashes white. A file of
// its own, not an inline script: the server's Content-Security-Policy allows scripts from 'self' only.
try {
  const theme = localStorage.getItem('punchlist.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage unavailable: the system's preference applies
}
