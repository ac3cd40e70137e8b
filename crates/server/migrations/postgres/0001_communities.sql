-- The communities a server holds. Every record of the sync engine lives in
-- one community's key space; the community id is also the shard key should a
-- city-wide PostgreSQL ever need one.
CREATE TABLE communities (
    id          TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    district_zh TEXT NOT NULL,
    district_en TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
