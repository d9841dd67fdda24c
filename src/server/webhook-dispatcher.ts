import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeliveryRow, ServerData, WebhookRow } from '../adapters/storage/server-data.js';

export interface WebhookOptions {
  /** Attempts before a delivery is dead-lettered (state `dead`). */
  readonly maxAttempts: number;
  /** Delay before the first retry; each later retry waits twice as long, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A receiver that has not answered by then counts as a failed attempt. */
  readonly timeoutMs: number;
  /** How often the store is looked at when nothing woke the dispatcher. */
  readonly pollMs: number;
  /** Messages per delivery at most. */
  readonly batch: number;
}

export const DEFAULT_WEBHOOKS: WebhookOptions = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  timeoutMs: 10_000,
  pollMs: 1000,
  batch: 100,
};

export const SIGNATURE_HEADER = 'x-minimis-signature';
export const TIMESTAMP_HEADER = 'x-minimis-timestamp';
export const DELIVERY_HEADER = 'x-minimis-delivery';

/** `sha256=<hex>`: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>`. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver runs: true when the signature is the sender's (compared in constant time). */
export function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  const want = Buffer.from(sign(secret, timestamp, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Delay before attempt `attempts + 1`, after `attempts` failures: base, 2×base, 4×base … capped. */
export function backoffMs(attempts: number, o: Pick<WebhookOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers each organization's new messages to its webhooks. Delivery state lives in the store: a delivery
 * row is written (and the webhook's cursor moved) before the first attempt, every attempt updates it, so a
 * restart resumes where it stopped; a delivery that fails `maxAttempts` times is kept as dead. A webhook's
 * deliveries go out one at a time, oldest first, so a receiver sees its messages in order. When several
 * processes share the store, only the one holding the store's delivery lease delivers; another takes over
 * when it goes away.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<number>();
  private running = false;
  private stopped = false;

  constructor(
    private readonly data: ServerData,
    private readonly now: () => number,
    private readonly opts: WebhookOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** New messages were committed: look now rather than at the next poll. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let next = this.now() + this.opts.pollMs;
    try {
      if (await this.data.deliveryLease()) {
        for (const w of await this.data.webhooks()) await this.enqueue(w);
        const now = this.now();
        for (const d of await this.data.headDeliveries()) {
          if (this.inFlight.has(d.webhookId)) continue;
          if (d.nextAttemptMs > now) {
            next = Math.min(next, d.nextAttemptMs);
            continue;
          }
          const hook = await this.data.webhook(d.webhookId);
          if (hook !== undefined) void this.attempt(hook, d);
        }
      }
    } catch {
      // The store is unreachable for now (a PostgreSQL restart): the next poll tries again.
    } finally {
      this.running = false;
    }
    this.schedule(Math.max(0, next - this.now()));
  }

  /** Turns messages past the webhook's cursor into delivery rows. */
  private async enqueue(w: WebhookRow): Promise<void> {
    let cursor = w.cursor;
    for (;;) {
      const msgs = await this.data.messages(w.org, cursor, this.opts.batch);
      const last = msgs.at(-1);
      if (last === undefined) return;
      const body = JSON.stringify({ webhookId: w.id, messages: msgs });
      const d = { webhookId: w.id, fromCursor: cursor, first: msgs[0]!.id, last: last.id, body };
      // Moved meanwhile (by a process that held the lease before): its deliveries stand, this one is dropped.
      if (!(await this.data.enqueueDelivery(d, this.now(), this.iso()))) return;
      cursor = last.id;
    }
  }

  private async attempt(w: WebhookRow, d: DeliveryRow): Promise<void> {
    this.inFlight.add(w.id);
    const attempts = d.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const timestamp = String(Math.floor(this.now() / 1000));
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(w.secret, timestamp, d.body),
          [DELIVERY_HEADER]: String(d.id),
        },
        body: d.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    try {
      if (error === null) {
        await this.data.recordAttempt(
          d.id,
          { state: 'delivered', attempts, nextAttemptMs: 0, status, error: null },
          this.iso(),
        );
      } else {
        const dead = attempts >= this.opts.maxAttempts;
        const next = dead ? 0 : this.now() + backoffMs(attempts, this.opts);
        await this.data.recordAttempt(
          d.id,
          { state: dead ? 'dead' : 'pending', attempts, nextAttemptMs: next, status, error },
          this.iso(),
        );
      }
    } catch {
      // Not recorded: the delivery stays as it was and is attempted again (receivers dedupe by delivery id).
    } finally {
      this.inFlight.delete(w.id);
    }
    this.wake();
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
