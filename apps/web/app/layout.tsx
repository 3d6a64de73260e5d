import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { TestModeBanner } from "@/components/test-mode-banner";
import "./globals.css";

export const metadata = { title: "Limelight", description: "Ticketed live shows" };

/** Root layout for every page: the test-mode banner (payments simulated), header navigation and the page. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TestModeBanner />
        <SiteHeader />
        <div className="page">{children}</div>
      </body>
    </html>
  );
}
