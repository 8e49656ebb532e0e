/** Pan (drag the background) and zoom (wheel, around the cursor) of an SVG's content group. */
export interface PanZoom {
  fit(width: number, height: number): void;
  /** True while the pointer moved since it went down: a drag, not a click. */
  dragged(): boolean;
}

export function panZoom(svgEl: SVGSVGElement, group: SVGGElement): PanZoom {
  let x = 0, y = 0, k = 1, moved = false;
  let start: { px: number; py: number; x: number; y: number } | undefined;
  const apply = () => group.setAttribute('transform', `translate(${x},${y}) scale(${k})`);
  svgEl.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svgEl.getBoundingClientRect();
    const mx = e.clientX - r.left, my = e.clientY - r.top;
    const next = Math.min(4, Math.max(0.05, k * Math.exp(-e.deltaY * 0.0015)));
    x = mx - ((mx - x) * next) / k;
    y = my - ((my - y) * next) / k;
    k = next;
    apply();
  }, { passive: false });
  svgEl.addEventListener('pointerdown', (e) => {
    start = { px: e.clientX, py: e.clientY, x, y };
    moved = false;
  });
  svgEl.addEventListener('pointermove', (e) => {
    if (!start) return;
    const dx = e.clientX - start.px, dy = e.clientY - start.py;
    // Capture only once it is a drag, so a plain click still reaches the node under the pointer.
    if (!moved && Math.abs(dx) + Math.abs(dy) > 3) {
      moved = true;
      svgEl.setPointerCapture(e.pointerId);
    }
    if (!moved) return;
    x = start.x + dx;
    y = start.y + dy;
    apply();
  });
  svgEl.addEventListener('pointerup', () => (start = undefined));
  return {
    fit(width, height) {
      const r = svgEl.getBoundingClientRect();
      const w = r.width || 800, hgt = r.height || 500;
      k = Math.min(1.2, Math.max(0.05, Math.min(w / (width + 40), hgt / (height + 40))));
      x = (w - width * k) / 2;
      y = (hgt - height * k) / 2;
      apply();
    },
    dragged: () => moved,
  };
}
