import type { ReactNode } from "react";

export const metadata = { title: "Limelight", description: "Ticketed live shows" };

/** Root layout for every page. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
