import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { onReload, type EventHub } from '../events.js';
import { formatDuration } from '../format.js';
import { ErrorBox, Time } from '../ui.js';

type ClockState = Schemas['ClockState'];

const STEPS: [string, number][] = [
  ['+1 min', 60_000],
  ['+1 h', 3_600_000],
  ['+1 day', 86_400_000],
];
const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function ClockView({ api, hub, resetAll }: { api: AdminApi; hub: EventHub; resetAll: () => void }) {
  const [clock, setClock] = useState<ClockState | null>(null);
  // The mock's clock runs on from what it said: the difference to this browser's clock stays.
  const [skew, setSkew] = useState(0);
  const [, tick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [amount, setAmount] = useState('30');
  const [unit, setUnit] = useState('minutes');

  const show = (c: ClockState): void => {
    setClock(c);
    setSkew(Date.parse(c.now) - Date.now());
  };
  const load = async (): Promise<void> => {
    try {
      show(await api.request('get', '/clock'));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    const offClock = hub.on((event) => {
      if (event.type === 'clock') show(event.data);
    });
    const offReload = onReload(hub, load);
    return () => (clearInterval(timer), offClock(), offReload());
  }, [api, hub]);

  const advance = async (ms: number): Promise<void> => {
    try {
      await api.request('post', '/clock', { body: { advanceMs: ms } });
      await load();
    } catch (err) {
      setError(err);
    }
  };
  /** Only the clock goes back; users, codes and mail stay as they are. */
  const realTime = async (): Promise<void> => {
    try {
      show(await api.request('delete', '/clock'));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const custom = (e: Event): void => {
    e.preventDefault();
    const n = Number(amount);
    // Whatever is typed goes to the API, which says what it accepts.
    void advance(Number.isFinite(n) ? Math.round(n * UNIT_MS[unit]) : NaN);
  };

  const now = clock ? new Date(Date.now() + skew).toISOString() : null;
  return (
    <section aria-labelledby="clock-title">
      <div class="view-head">
        <h2 id="clock-title">Clock</h2>
      </div>
      <div class="card clock">
        <p class="clock-now" data-testid="mock-now" data-now={clock?.now}>
          {now ? <Time iso={now} /> : 'Loading…'}
        </p>
        <p>{clock ? (clock.offsetMs > 0 ? `${formatDuration(clock.offsetMs)} ahead of real time` : 'Real time') : ''}</p>
        <div class="button-row" role="group" aria-label="Move the clock forward">
          {STEPS.map(([label, ms]) => (
            <button key={label} type="button" class="primary" onClick={() => void advance(ms)}>
              {label}
            </button>
          ))}
        </div>
        <form class="inline-form" onSubmit={custom} noValidate>
          <label for="advance-amount">Move forward by</label>
          <input id="advance-amount" type="number" min="0" step="any" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
          <select aria-label="Unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
            {Object.keys(UNIT_MS).map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
          <button type="submit">Advance</button>
        </form>
        <p class="button-row">
          <button type="button" onClick={() => void realTime()} disabled={clock?.offsetMs === 0}>
            Back to real time
          </button>
          <button type="button" onClick={resetAll}>
            Reset everything to the fixtures…
          </button>
        </p>
        <ErrorBox error={error} />
      </div>
    </section>
  );
}
