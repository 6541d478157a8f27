// libcurl's built-in progress meter (lib/progress.c: Curl_pgrsUpdate(), progress_meter(),
// Curl_pgrsDone()), drawn on stderr: the two header lines on the first update, then one
// "\r"-started line at most once a second and a final line with its newline when the
// transfer is done. Time is the world's clock.

/** time2str(): 8 columns. */
export function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  if (h <= 99) {
    const m = Math.floor((seconds - h * 3600) / 60);
    const s = seconds - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  }
  const d = Math.floor(seconds / 86400);
  const hh = Math.floor((seconds - d * 86400) / 3600);
  if (d <= 999) return `${String(d).padStart(3)}d ${String(hh).padStart(2, '0')}h`;
  return `${String(d).padStart(7)}d`;
}

/** max5data(): at most 5 columns, with k/M/G/T/P suffixes. */
export function max5data(bytes: number): string {
  const K = 1024, M = K * K, G = M * K, T = G * K, P = T * K;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * K) return `${String(Math.floor(bytes / K)).padStart(4)}k`;
  if (bytes < 100 * M) return `${String(Math.floor(bytes / M)).padStart(2)}.${Math.floor((bytes % M) / (M / 10))}M`;
  if (bytes < 10000 * M) return `${String(Math.floor(bytes / M)).padStart(4)}M`;
  if (bytes < 100 * G) return `${String(Math.floor(bytes / G)).padStart(2)}.${Math.floor((bytes % G) / (G / 10))}G`;
  if (bytes < 10000 * G) return `${String(Math.floor(bytes / G)).padStart(4)}G`;
  if (bytes < 10000 * T) return `${String(Math.floor(bytes / T)).padStart(4)}T`;
  return `${String(Math.floor(bytes / P)).padStart(4)}P`;
}

export class ProgressMeter {
  private headersOut = false;
  private lastShow = -1;
  private start = 0;
  /** (bytes, time) samples, one a second, for the "Current Speed" column. */
  private speeder: { bytes: number; at: number }[] = [];
  private currentSpeed = 0;
  downloaded = 0;
  uploaded = 0;
  /** Expected sizes, -1 while unknown. */
  sizeDl = -1;
  sizeUl = -1;

  constructor(private readonly now: () => number, private readonly err: (s: string) => void, readonly hidden: boolean) {}

  /** Curl_pgrsStartNow() */
  startNow(): void {
    this.start = this.now();
    this.lastShow = -1;
    this.speeder = [];
    this.downloaded = this.uploaded = 0;
    this.sizeDl = this.sizeUl = -1;
  }

  /** Curl_pgrsUpdate(): draws when a new second started since the last line. */
  update(force = false): void {
    const now = this.now();
    const spentMs = Math.max(0, Math.floor(now - this.start));
    const spent = Math.floor(spentMs / 1000);
    const dlspeed = Math.floor((this.downloaded * 1000) / (spentMs > 0 ? spentMs : 1));
    const ulspeed = Math.floor((this.uploaded * 1000) / (spentMs > 0 ? spentMs : 1));
    const second = Math.floor(now / 1000);
    let shownow = force;
    if (second !== this.lastShow || force) {
      shownow = true;
      this.lastShow = second;
      this.speeder.push({ bytes: this.downloaded + this.uploaded, at: now });
      if (this.speeder.length > 6) this.speeder.shift();
      if (this.speeder.length > 1) {
        const first = this.speeder[0]!;
        const last = this.speeder[this.speeder.length - 1]!;
        const span = Math.max(1, Math.floor(last.at - first.at));
        this.currentSpeed = Math.floor(((last.bytes - first.bytes) * 1000) / span);
      } else this.currentSpeed = dlspeed + ulspeed;
    }
    if (this.hidden || !shownow) return;
    let out = '';
    if (!this.headersOut) {
      out += '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n';
      this.headersOut = true;
    }
    let ulestimate = 0, dlestimate = 0, ulpercen = 0, dlpercen = 0;
    if (this.sizeUl >= 0 && ulspeed > 0) {
      ulestimate = Math.floor(this.sizeUl / ulspeed);
      ulpercen = percent(this.uploaded, this.sizeUl);
    }
    if (this.sizeDl >= 0 && dlspeed > 0) {
      dlestimate = Math.floor(this.sizeDl / dlspeed);
      dlpercen = percent(this.downloaded, this.sizeDl);
    }
    const estimate = Math.max(ulestimate, dlestimate);
    const timeLeft = time2str(estimate > 0 ? estimate - spent : 0);
    const expected = (this.sizeUl >= 0 ? this.sizeUl : this.uploaded) + (this.sizeDl >= 0 ? this.sizeDl : this.downloaded);
    const total = this.downloaded + this.uploaded;
    const totalPercen = percent(total, expected);
    const p3 = (n: number) => String(n).padStart(3);
    out += `\r${p3(totalPercen)} ${max5data(expected)}  ${p3(dlpercen)} ${max5data(this.downloaded)}  ` +
      `${p3(ulpercen)} ${max5data(this.uploaded)}  ${max5data(dlspeed)}  ${max5data(ulspeed)} ` +
      `${time2str(estimate)} ${time2str(spent)} ${timeLeft} ${max5data(this.currentSpeed)}`;
    this.err(out);
  }

  /** Curl_pgrsDone(): the final, forced line and its newline. */
  done(): void {
    this.update(true);
    if (!this.hidden) this.err('\n');
  }
}

function percent(part: number, whole: number): number {
  if (whole > 10000) return Math.floor(part / Math.floor(whole / 100));
  if (whole > 0) return Math.floor((part * 100) / whole);
  return 0;
}
