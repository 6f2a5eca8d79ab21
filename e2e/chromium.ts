// Debian's Chromium, never a downloaded build; shared by the e2e and the security suite's configs.
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-sync",
  ],
};
