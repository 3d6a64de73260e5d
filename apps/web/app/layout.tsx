import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata = { title: "Limelight", description: "Ticketed live shows" };

/** Root layout for every page: header navigation and the page. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <div className="page">{children}</div>
      </body>
    </html>
  );
}
