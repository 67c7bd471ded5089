-- Sessions, bound at creation to the tenant and user that created them. The panel sees `id`, never `upstream_id`.
CREATE TABLE tracy_sessions (
  id          text PRIMARY KEY,
  upstream_id text NOT NULL UNIQUE,
  tenant_id   text NOT NULL,
  user_id     text NOT NULL,
  trace_id    text,
  title       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracy_sessions_owner ON tracy_sessions (tenant_id, user_id, created_at DESC, id DESC);

-- The mirror of each session's upstream events. `seq` is local and monotonic: the browser stream's `id:`.
CREATE TABLE tracy_events (
  seq          bigserial PRIMARY KEY,
  event_id     text NOT NULL UNIQUE,
  session_id   text NOT NULL REFERENCES tracy_sessions (id),
  type         text NOT NULL,
  payload      jsonb NOT NULL,
  processed_at timestamptz,
  mirrored_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracy_events_session ON tracy_events (session_id, seq);

-- One row per Idempotency-Key; `status` is null while the first request is in flight.
CREATE TABLE tracy_idempotency_keys (
  session_id   text NOT NULL REFERENCES tracy_sessions (id),
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, key)
);

-- One row per span.model_request_end (its event id is the key, so a replayed event is never counted twice).
-- Costs are in nano-USD so that sums are exact integers.
CREATE TABLE tracy_usage_ledger (
  event_id                    text PRIMARY KEY,
  session_id                  text NOT NULL REFERENCES tracy_sessions (id),
  tenant_id                   text NOT NULL,
  input_tokens                bigint NOT NULL,
  cache_creation_input_tokens bigint NOT NULL,
  cache_read_input_tokens     bigint NOT NULL,
  output_tokens               bigint NOT NULL,
  cost_nano_usd               bigint NOT NULL,
  recorded_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracy_usage_ledger_tenant ON tracy_usage_ledger (tenant_id, recorded_at);

-- A tenant's monthly spend ceiling (list cost), overriding the server's default.
CREATE TABLE tracy_tenant_budgets (
  tenant_id              text PRIMARY KEY,
  monthly_limit_nano_usd bigint NOT NULL,
  updated_at             timestamptz NOT NULL DEFAULT now()
);
