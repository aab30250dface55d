/** The tab's icon: a heart, green while every monitor is up, red with a bar when one is down. */
const heart = (fill: string, mark: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="${fill}" d="M16 29 3.5 16.5A7.5 7.5 0 0 1 16 6.2a7.5 7.5 0 0 1 12.5 10.3z"/>${mark}</svg>`;

export const FAVICON = heart("#1a7f37", "");
export const FAVICON_DOWN = heart(
  "#cf222e",
  '<rect x="14" y="10" width="4" height="9" fill="#fff"/><rect x="14" y="21" width="4" height="4" fill="#fff"/>',
);
