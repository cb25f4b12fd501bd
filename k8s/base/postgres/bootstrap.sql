-- papertrader database bootstrap: one login role and one schema per service, and nothing shared.
--
-- Run it as a superuser, connected to the papertrader database. It is idempotent: a second run changes
-- nothing except the passwords, which are set to the given values every time. With psql (a Kubernetes Job):
--
--   psql -v ON_ERROR_STOP=1 -d papertrader -f bootstrap.sql \
--        -v monitor_svc_password=... -v router_svc_password=... \
--        -v orders_svc_password=... -v portfolio_svc_password=...
--
-- The four variables are used only in the quoted-literal form (colon, then the name in single quotes), which
-- psql and dev.papertrader.localstack.database.DatabaseBootstrap both turn into an escaped SQL string literal.
--
-- What a service role can do afterwards:
--   * log in to this database (CONNECT);
--   * everything in its own schema, which it owns (Flyway migrations create the tables there);
--   * nothing in another service's schema, nothing in the public schema, no temporary tables;
--   * no superuser, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS attribute.

-- CREATE ROLE has no IF NOT EXISTS: create the missing roles, then set every attribute below.
DO $$
DECLARE
    service_role text;
BEGIN
    FOREACH service_role IN ARRAY ARRAY['monitor_svc', 'router_svc', 'orders_svc', 'portfolio_svc'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = service_role) THEN
            EXECUTE format('CREATE ROLE %I', service_role);
        END IF;
    END LOOP;
END
$$;

ALTER ROLE monitor_svc   WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'monitor_svc_password';
ALTER ROLE router_svc    WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'router_svc_password';
ALTER ROLE orders_svc    WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'orders_svc_password';
ALTER ROLE portfolio_svc WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'portfolio_svc_password';

-- Unqualified table names of a service resolve in its own schema.
ALTER ROLE monitor_svc   SET search_path = monitor;
ALTER ROLE router_svc    SET search_path = router;
ALTER ROLE orders_svc    SET search_path = orders;
ALTER ROLE portfolio_svc SET search_path = portfolio;

-- One schema per service, owned by its role. A new schema grants nothing to PUBLIC; the REVOKE also undoes
-- any grant made by hand since.
CREATE SCHEMA IF NOT EXISTS monitor   AUTHORIZATION monitor_svc;
CREATE SCHEMA IF NOT EXISTS router    AUTHORIZATION router_svc;
CREATE SCHEMA IF NOT EXISTS orders    AUTHORIZATION orders_svc;
CREATE SCHEMA IF NOT EXISTS portfolio AUTHORIZATION portfolio_svc;
ALTER SCHEMA monitor   OWNER TO monitor_svc;
ALTER SCHEMA router    OWNER TO router_svc;
ALTER SCHEMA orders    OWNER TO orders_svc;
ALTER SCHEMA portfolio OWNER TO portfolio_svc;
REVOKE ALL ON SCHEMA monitor, router, orders, portfolio FROM PUBLIC;

-- The public schema is shared by everyone: nobody but its owner may create or even look up objects in it
-- (PostgreSQL before 15 let everyone create there).
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Only the service roles (and superusers) may connect to this database, and nobody gets temporary tables.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO monitor_svc, router_svc, orders_svc, portfolio_svc',
                   current_database());
END
$$;
