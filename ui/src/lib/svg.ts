// Charts arrive as SVG text from keel-charts; the window shows them as images (never as inline markup).

/** A `data:` URL for an `<img>`: the browser renders it with scripts disabled. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Whether the window is in dark mode (the system's preference): charts are then drawn dark. */
export function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}
