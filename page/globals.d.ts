import type * as D3 from 'd3';

declare global {
  /** d3, from its UMD file (`/vendor/d3@…/d3.min.js`), loaded before the page's modules. */
  const d3: typeof D3;
}
