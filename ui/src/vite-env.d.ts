// Type declarations for Vite's client features (asset imports such as the logo SVG).
/// <reference types="svelte" />
/// <reference types="vite/client" />
