-- One row per custom tool use the server runs itself (run_cypher): whoever inserts it runs the tool and posts the
-- answer. `lease_until` lets another instance (or this one after a restart) take over a claim whose owner stopped
-- before posting; `result` keeps the answer once computed, so a taken-over claim posts the same one.
CREATE TABLE tracy_tool_runs (
  session_id  text NOT NULL REFERENCES tracy_sessions (id),
  tool_use_id text NOT NULL,
  owner       text NOT NULL,
  lease_until timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 1,
  result      jsonb,
  posted_at   timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, tool_use_id)
);
