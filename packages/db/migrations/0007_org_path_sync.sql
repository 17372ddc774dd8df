-- The unit's path and province copied onto activity, plan, campaign_plan and report follow the
-- unit when org_unit.path changes (moves and merges), in the same statement. Scope filters read
-- these copies without a join: a stale path kept a moved unit's records visible to its old
-- ancestors and hid them from the new ones. audit_event.org_path stays as written: the audit log
-- keeps a unit's former place (decision 0001).

-- Statement-level with transition tables, like org_unit_indicator_move: a subtree move is one
-- UPDATE of org_unit, so each table is rewritten in one statement for every re-rooted unit.
-- Each row takes the new path of its own unit (not of the subtree's root). The transition
-- tables are visible to the dynamic statements (PL/pgSQL registers them for SPI).
CREATE FUNCTION org_path_on_org_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['activity', 'plan', 'campaign_plan', 'report'] LOOP
    EXECUTE format($sql$
      UPDATE %I r SET org_path = m.path, province_code = m.province_code
      FROM (
        SELECT n.id, n.path, n.province_code FROM old_units o JOIN new_units n USING (id)
        WHERE (o.path, o.province_code) IS DISTINCT FROM (n.path, n.province_code)
      ) m
      WHERE r.org_unit_id = m.id AND (r.org_path, r.province_code) IS DISTINCT FROM (m.path, m.province_code)
    $sql$, t);
  END LOOP;
  RETURN NULL;
END $$;

-- (transition tables cannot go with UPDATE OF path: the function looks for changed paths itself)
CREATE TRIGGER org_unit_org_path_sync AFTER UPDATE ON org_unit
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION org_path_on_org_move();

-- Rows of units moved before this migration still carry the old path: repair them once.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['activity', 'plan', 'campaign_plan', 'report'] LOOP
    EXECUTE format($sql$
      UPDATE %I r SET org_path = u.path, province_code = u.province_code FROM org_unit u
      WHERE u.id = r.org_unit_id AND (r.org_path, r.province_code) IS DISTINCT FROM (u.path, u.province_code)
    $sql$, t);
  END LOOP;
END $$;
