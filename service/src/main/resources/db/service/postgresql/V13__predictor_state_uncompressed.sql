-- PostgreSQL only: the predictor's states (V11) are stored out of line without compression. A state
-- is base64 of mostly doubles, which pglz barely shrinks and spends most of a write on: writing the
-- national network's 2,430 states took 740-950 ms with it, 380-610 ms without
-- (docs/benchmarks.md, "Session 17").
ALTER TABLE service_predictor_state ALTER COLUMN state SET STORAGE EXTERNAL;
