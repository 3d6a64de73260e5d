/** Placeholder home page; the storefront issue replaces it with the schedule. */
export default function Home() {
  return <main><h1>Limelight</h1></main>;
}
