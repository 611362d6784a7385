#!/bin/bash
# First start of the compose "postgres" service: one database and role for the catalog's store, and a separate demo
# database ("shop") that queries read as a read-only role. Neither role can connect to the other's database.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v catalog_password="$CATALOG_DB_PASSWORD" -v reader_password="$SHOP_READER_PASSWORD" <<'SQL'
CREATE ROLE townlake_catalog LOGIN PASSWORD :'catalog_password';
CREATE DATABASE townlake OWNER townlake_catalog;
REVOKE ALL ON DATABASE townlake FROM PUBLIC;

CREATE ROLE shop_owner NOLOGIN;
CREATE ROLE shop_reader LOGIN PASSWORD :'reader_password';
ALTER ROLE shop_reader SET default_transaction_read_only = on;
CREATE DATABASE shop OWNER shop_owner;
REVOKE ALL ON DATABASE shop FROM PUBLIC;
GRANT CONNECT ON DATABASE shop TO shop_reader;
SQL

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname shop <<'SQL'
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SET ROLE shop_owner;
CREATE SCHEMA sales;
CREATE TABLE sales.customers (
    customer_id integer PRIMARY KEY,
    name        text NOT NULL,
    country     text NOT NULL
);
COMMENT ON TABLE sales.customers IS 'Shop customers.';
CREATE TABLE sales.orders (
    order_id    integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES sales.customers (customer_id),
    ordered_at  timestamptz NOT NULL,
    amount      numeric(12, 2) NOT NULL
);
COMMENT ON TABLE sales.orders IS 'One row per order.';
INSERT INTO sales.customers
SELECT i, 'Customer ' || i, (ARRAY['DE', 'FR', 'US', 'JP'])[1 + i % 4] FROM generate_series(1, 200) AS i;
INSERT INTO sales.orders
SELECT i, 1 + i % 200, timestamptz '2026-01-01' + i * interval '37 minutes', round((10 + (i * 7919) % 500)::numeric, 2)
FROM generate_series(1, 5000) AS i;
CREATE VIEW sales.revenue_by_country AS
SELECT c.country, sum(o.amount) AS revenue, count(*) AS orders
FROM sales.orders o JOIN sales.customers c USING (customer_id)
GROUP BY c.country;
GRANT USAGE ON SCHEMA sales TO shop_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA sales TO shop_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO shop_reader;
RESET ROLE;
SQL
