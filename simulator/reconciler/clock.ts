// Simulated time. The reconciler only ever reads `now()`, so the same rules run at a believable pace for a demo
// (speed 1), accelerated for browser tests (speed 50: a rollout in seconds) or fully manual in unit tests
// (speed 0: time moves only through advance()). Real timers never decide outcomes, only when we look again.

export class SimClock {
  private virtualBase: number;
  private realBase: number;
  private speedValue: number;

  constructor(speed = 1, start?: number, private readonly realNow: () => number = Date.now) {
    this.virtualBase = start ?? Math.floor(realNow() / 1000) * 1000;
    this.realBase = realNow();
    this.speedValue = speed;
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    return this.virtualBase + (this.realNow() - this.realBase) * this.speedValue;
  }

  iso(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  get speed(): number {
    return this.speedValue;
  }

  get manual(): boolean {
    return this.speedValue === 0;
  }

  setSpeed(speed: number) {
    if (!(speed >= 0) || !Number.isFinite(speed)) {
      throw new Error(`invalid clock speed ${ speed }`);
    }
    this.virtualBase = this.now();
    this.realBase = this.realNow();
    this.speedValue = speed;
  }

  /** Jump forward (in any mode). */
  advance(ms: number) {
    if (!(ms >= 0)) {
      throw new Error(`cannot advance by ${ ms }`);
    }
    this.virtualBase += ms;
  }
}
