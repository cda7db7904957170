-- The explorer's views over CometBFT's event sink (schema.sql: blocks, tx_results, events,
-- attributes), for the usual questions about a region's history. Loaded by start.sh after
-- schema.sql; safe to load again (the views are dropped and made anew; block_times keeps
-- its rows). See README.md for example queries.
--
-- How the sink stores what the chain emits:
--   * every FinalizeBlock event (begin- and end-block: the pay run, rent collection, the
--     dividend's period close, ...) is a row of `events` with tx_id NULL, its attributes
--     in `attributes` (the SDK adds `mode` = BeginBlock | EndBlock);
--   * every transaction's events are rows of `events` with tx_id set (tx_results.tx_hash);
--   * a typed event's attribute values are JSON: strings and 64-bit integers quoted
--     ("rsc1...", "1500000"), bools and 32-bit integers bare, messages as objects;
--   * `blocks` has no block time (created_at is when the sink wrote the row): start.sh's
--     blocktimes.sh copies each block's header time from the node into block_times.
-- Amounts are numeric in ursc (the attribute's denom where there is one).

-- Each block's header time, filled from the node's RPC by blocktimes.sh.
CREATE TABLE IF NOT EXISTS block_times (
  chain_id VARCHAR NOT NULL,
  height   BIGINT NOT NULL,
  time     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (chain_id, height)
);

-- The views select events by type.
CREATE INDEX IF NOT EXISTS idx_events_type ON events(type);

DROP VIEW IF EXISTS
  treasury_revenue_by_month, treasury_revenue, flows, assembly_proposals, subsidies,
  dividend_periods, dividend_payments, profit_at_rest_taxes, tuition_payments, rent_payments,
  loan_payments, orders, claim_payments, wage_claims, payslips, conductor_events, event_records
  CASCADE;

-- attr_json reads an attribute value as JSON: a typed event's values are JSON already; any
-- other value (the SDK's own events: `sender` = rsc1..., `amount` = 5ursc, `mode` =
-- EndBlock) becomes a JSON string. `attrs->>'key'` then gives the plain text of either.
CREATE OR REPLACE FUNCTION attr_json(v TEXT) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN v ~ '^\s*["{\[]' OR v ~ '^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$' OR v IN ('true', 'false', 'null')
      THEN v::jsonb
    ELSE to_jsonb(v)
  END
$$;

-- event_records: one row per event, block events and transaction events alike, with its
-- block height and time and its attributes as one JSON object. phase is 'tx' for a
-- transaction's events, else the block event's mode (BeginBlock, EndBlock).
CREATE VIEW event_records AS
SELECT
  e.rowid    AS event_id,
  b.chain_id,
  b.height,
  bt.time,
  CASE WHEN e.tx_id IS NULL THEN coalesce(
    (SELECT a.value FROM attributes a WHERE a.event_id = e.rowid AND a.key = 'mode'), 'block') ELSE 'tx' END AS phase,
  t.tx_hash,
  t.index    AS tx_index,
  e.type,
  coalesce((SELECT jsonb_object_agg(a.key, attr_json(a.value)) FROM attributes a WHERE a.event_id = e.rowid), '{}'::jsonb) AS attrs
FROM events e
JOIN blocks b ON b.rowid = e.block_id
LEFT JOIN tx_results t ON t.rowid = e.tx_id
LEFT JOIN block_times bt ON bt.chain_id = b.chain_id AND bt.height = b.height;

-- conductor_events: every typed event of Conductor's modules (conductor.<module>.v1.Event...:
-- payroll, market, bankloans, housing, education, dividend, valueflows, assembly,
-- membership, governanceparams, federation), for the questions the views below leave out.
CREATE VIEW conductor_events AS
SELECT event_id, chain_id, height, time, phase, tx_hash, type,
       split_part(type, '.', 2) AS module, split_part(type, '.', 4) AS event, attrs
FROM event_records
WHERE type LIKE 'conductor.%';

-- payslips: a worker's pay for the work of one pay period, paid (the pay run's end-block
-- events; a payslip owed as a wage claim appears when the claim is paid in full, at that
-- height). conductor.payroll.v1.EventWorkPaid.
CREATE VIEW payslips AS
SELECT
  chain_id,
  (attrs->>'payslip_id')::BIGINT    AS payslip_id,
  attrs->>'worker'                   AS worker,
  attrs->>'company'                  AS company,
  (attrs->>'occupation_id')::BIGINT AS occupation_id,
  (attrs->>'hours')::NUMERIC        AS hours,
  (attrs->>'wage')::NUMERIC         AS wage,
  (attrs->>'gross')::NUMERIC        AS gross,
  (attrs->>'tax')::NUMERIC          AS tax,
  (attrs->>'net')::NUMERIC          AS net,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.payroll.v1.EventWorkPaid';

-- wage_claims: a company could not pay a payslip; its gross is owed to the worker.
CREATE VIEW wage_claims AS
SELECT
  chain_id,
  (attrs->>'claim_id')::BIGINT   AS claim_id,
  (attrs->>'payslip_id')::BIGINT AS payslip_id,
  attrs->>'company'               AS company,
  attrs->>'worker'                AS worker,
  (attrs->>'gross')::NUMERIC     AS gross,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.payroll.v1.EventWageClaim';

-- claim_payments: a payment towards a wage claim (owed: what the claim is still owed).
CREATE VIEW claim_payments AS
SELECT
  chain_id,
  (attrs->>'claim_id')::BIGINT   AS claim_id,
  (attrs->>'payment_id')::BIGINT AS payment_id,
  attrs->>'company'               AS company,
  attrs->>'worker'                AS worker,
  (attrs->>'gross')::NUMERIC     AS gross,
  (attrs->>'tax')::NUMERIC       AS tax,
  (attrs->>'net')::NUMERIC       AS net,
  (attrs->>'owed')::NUMERIC      AS owed,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.payroll.v1.EventClaimPaid';

-- orders: a purchase from a listing: amount to the seller, tax to the treasury; the buyer
-- paid total. A purchase from another region (over IBC: external) is in its denom.
-- conductor.market.v1.EventPurchase.
CREATE VIEW orders AS
SELECT
  chain_id,
  (attrs->>'order_id')::BIGINT   AS order_id,
  (attrs->>'listing_id')::BIGINT AS listing_id,
  attrs->>'buyer'                 AS buyer,
  attrs->>'seller'                AS seller,
  (attrs->>'quantity')::NUMERIC  AS quantity,
  (attrs->>'amount')::NUMERIC    AS amount,
  (attrs->>'tax')::NUMERIC       AS tax,
  (attrs->>'amount')::NUMERIC + (attrs->>'tax')::NUMERIC AS total,
  div((attrs->>'amount')::NUMERIC, nullif((attrs->>'quantity')::NUMERIC, 0)) AS unit_price,
  attrs->>'denom'                 AS denom,
  (attrs->>'external')::BOOLEAN  AS external,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.market.v1.EventPurchase';

-- loan_payments: money in on a loan (principal to the bank's capital, interest to the
-- treasury), or a missed installment (kind). conductor.bankloans.v1.EventLoanPayment.
CREATE VIEW loan_payments AS
SELECT
  chain_id,
  (attrs->>'loan_id')::BIGINT    AS loan_id,
  attrs->>'borrower'              AS borrower,
  attrs->>'kind'                  AS kind,
  (attrs->>'principal')::NUMERIC AS principal,
  (attrs->>'interest')::NUMERIC  AS interest,
  attrs->>'status'                AS status,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.bankloans.v1.EventLoanPayment';

-- rent_payments: a month's rent collected from a tenant. conductor.housing.v1.EventRentPaid.
CREATE VIEW rent_payments AS
SELECT
  chain_id,
  (attrs->>'lease_id')::BIGINT  AS lease_id,
  (attrs->>'unit_id')::BIGINT   AS unit_id,
  attrs->>'tenant'               AS tenant,
  (attrs->>'paid')::NUMERIC     AS paid,
  (attrs->>'arrears')::NUMERIC  AS arrears,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.housing.v1.EventRentPaid';

-- tuition_payments: a term's tuition paid to a school. conductor.education.v1.EventTuitionPaid.
CREATE VIEW tuition_payments AS
SELECT
  chain_id,
  (attrs->>'enrollment_id')::BIGINT AS enrollment_id,
  attrs->>'student'                  AS student,
  (attrs->>'amount')::NUMERIC       AS amount,
  (attrs->>'term')::INTEGER         AS term,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.education.v1.EventTuitionPaid';

-- profit_at_rest_taxes: a company's tax on idle profit for a window.
CREATE VIEW profit_at_rest_taxes AS
SELECT
  chain_id,
  attrs->>'company'           AS company,
  (attrs->>'window')::BIGINT AS "window",
  (attrs->>'low')::NUMERIC   AS low,
  (attrs->>'tax')::NUMERIC   AS tax,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.dividend.v1.EventProfitAtRestTax';

-- dividend_payments: a member received the dividends owed (through: the last period paid).
CREATE VIEW dividend_payments AS
SELECT
  chain_id,
  attrs->>'member'             AS member,
  (attrs->>'amount')::NUMERIC AS amount,
  (attrs->>'through')::BIGINT AS through_period,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.dividend.v1.EventDividendPaid';

-- dividend_periods: a dividend period closed: its revenue (total), the pool, each member's share.
CREATE VIEW dividend_periods AS
SELECT
  chain_id,
  (attrs->>'number')::BIGINT       AS period,
  (attrs->>'total')::NUMERIC       AS revenue,
  (attrs->>'pool')::NUMERIC        AS pool,
  (attrs->>'members')::BIGINT      AS members,
  (attrs->>'per_member')::NUMERIC  AS per_member,
  (attrs->>'carried_out')::NUMERIC AS carried_out,
  height, time, event_id
FROM event_records
WHERE type = 'conductor.dividend.v1.EventPeriodClosed';

-- subsidies: the treasury funded a regional company by the assembly's decision.
CREATE VIEW subsidies AS
SELECT
  chain_id,
  attrs->>'company'                 AS company,
  (attrs->>'amount')::NUMERIC      AS amount,
  attrs->>'reason'                  AS reason,
  (attrs->>'period')::BIGINT       AS period,
  (attrs->>'proposal_id')::BIGINT  AS proposal_id,
  height, time, phase, tx_hash, event_id
FROM event_records
WHERE type = 'conductor.dividend.v1.EventSubsidy';

-- assembly_proposals: each proposal to the assembly, with its close (status, tally) once closed.
CREATE VIEW assembly_proposals AS
SELECT
  p.chain_id,
  (p.attrs->>'proposal_id')::BIGINT AS proposal_id,
  p.attrs->>'proposer'               AS proposer,
  p.attrs->>'kind'                   AS kind,
  p.height                           AS proposed_height,
  p.time                             AS proposed_time,
  c.attrs->>'status'                 AS status,
  c.attrs->'tally'                   AS tally,
  (c.attrs->>'eligible')::BIGINT    AS eligible,
  c.attrs->>'result_log'             AS result_log,
  c.height                           AS closed_height,
  c.time                             AS closed_time
FROM event_records p
LEFT JOIN event_records c ON c.type = 'conductor.assembly.v1.EventClosed' AND c.chain_id = p.chain_id
  AND c.attrs->>'proposal_id' = p.attrs->>'proposal_id'
WHERE p.type = 'conductor.assembly.v1.EventProposed';

-- treasury_revenue: one row per amount the treasury booked as revenue, by source (the
-- sources of x/dividend's books, `query dividend revenue`), from the events that carry it:
--   income_tax          EventWorkPaid.tax of a payslip paid at once, and EventClaimPaid.tax
--                       of each payment towards a wage claim (a claimed payslip's
--                       EventWorkPaid, emitted when the claim is paid in full, is not
--                       counted again);
--   internal_sales_tax, external_sales_tax
--                       EventPurchase.tax in ursc (tax paid in another region's RSC, a
--                       voucher, is not booked);
--   profit_at_rest_tax  EventProfitAtRestTax.tax;
--   bank_interest       EventLoanPayment.interest;
--   fees                the ursc of each transaction's fee (the SDK's `tx` event; the
--                       treasury sweeps the fee collector in the block's end);
--   non_member_services is NOT here: EventRentPaid does not say which part of the rent was
--                       a non-member's markup (booked to the treasury), so the events do
--                       not carry it; `query dividend revenue` has it.
CREATE VIEW treasury_revenue AS
SELECT chain_id, 'income_tax'::TEXT AS source, tax AS amount, height, time, 'conductor.payroll.v1.EventWorkPaid'::TEXT AS event_type, event_id
FROM payslips p
WHERE tax > 0 AND NOT EXISTS (SELECT 1 FROM wage_claims c WHERE c.chain_id = p.chain_id AND c.payslip_id = p.payslip_id)
UNION ALL
SELECT chain_id, 'income_tax', tax, height, time, 'conductor.payroll.v1.EventClaimPaid', event_id
FROM claim_payments WHERE tax > 0
UNION ALL
SELECT chain_id, CASE WHEN external THEN 'external_sales_tax' ELSE 'internal_sales_tax' END, tax, height, time,
       'conductor.market.v1.EventPurchase', event_id
FROM orders WHERE denom = 'ursc' AND tax > 0
UNION ALL
SELECT chain_id, 'profit_at_rest_tax', tax, height, time, 'conductor.dividend.v1.EventProfitAtRestTax', event_id
FROM profit_at_rest_taxes WHERE tax > 0
UNION ALL
SELECT chain_id, 'bank_interest', interest, height, time, 'conductor.bankloans.v1.EventLoanPayment', event_id
FROM loan_payments WHERE interest > 0
UNION ALL
SELECT chain_id, 'fees', substring(attrs->>'fee' FROM '(?:^|,)([0-9]+)ursc(?:,|$)')::NUMERIC, height, time, 'tx', event_id
FROM event_records WHERE type = 'tx' AND attrs->>'fee' ~ '(^|,)[0-9]+ursc(,|$)'
  AND substring(attrs->>'fee' FROM '(?:^|,)([0-9]+)ursc(?:,|$)')::NUMERIC > 0;

-- treasury_revenue_by_month: the treasury's revenue by source and calendar month (UTC).
-- Rows of blocks whose time blocktimes.sh has not copied yet have month NULL.
CREATE VIEW treasury_revenue_by_month AS
SELECT chain_id, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM') AS month, source,
       sum(amount) AS amount, count(*) AS entries
FROM treasury_revenue
GROUP BY chain_id, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM'), source;

-- flows: the flows between agents, as ValueFlows records them (x/valueflows records an
-- economic event for every route but emits no event for it; these are the routes' own
-- typed events): what went from provider to receiver, how much of it (quantity, unit) and
-- its value in denom. One row per flow; an agent's flows are those it provided or
-- received. A side the event does not name by address is named by its role: 'treasury',
-- 'bank', 'housing', 'school'.
--   action       event                          provider -> receiver      quantity, value
--   work         payroll EventWorkPaid          worker -> company         hours, gross
--   wage         payroll EventWorkPaid          company -> worker         net (RSC)
--   income-tax   payroll EventWorkPaid          company -> treasury       tax (RSC)
--   claim-wage   payroll EventClaimPaid         company -> worker         net (RSC)
--   transfer     market EventPurchase           seller -> buyer           quantity, amount + tax
--   payment      market EventPurchase           buyer -> seller           amount (RSC)
--   sales-tax    market EventPurchase           buyer -> treasury         tax (RSC)
--   use          housing EventRentPaid          housing -> tenant         1 month, paid
--   rent         housing EventRentPaid          tenant -> housing         paid (RSC)
--   debt         housing EventDebtCollected     tenant -> housing         paid (RSC)
--   repayment    bankloans EventLoanPayment     borrower -> bank          principal + interest (RSC)
--   tuition      education EventTuitionPaid     student -> school         amount (RSC)
--   refund       education EventRefund          school -> student         paid (RSC)
--   dividend     dividend EventDividendPaid     treasury -> member        amount (RSC)
--   tax          dividend EventProfitAtRestTax  company -> treasury       tax (RSC)
--   subsidy      dividend EventSubsidy          treasury -> company       amount (RSC)
CREATE VIEW flows AS
SELECT chain_id, height, time, 'work'::TEXT AS action, worker AS provider, company AS receiver,
       hours AS quantity, 'hour'::TEXT AS unit, gross AS value, 'ursc'::TEXT AS denom,
       'payroll/payslip/' || payslip_id AS ref, 'conductor.payroll.v1.EventWorkPaid'::TEXT AS event_type, tx_hash, event_id
FROM payslips
UNION ALL
SELECT chain_id, height, time, 'wage', company, worker, net, 'ursc', net, 'ursc', 'payroll/payslip/' || payslip_id,
       'conductor.payroll.v1.EventWorkPaid', tx_hash, event_id
FROM payslips p
WHERE net > 0 AND NOT EXISTS (SELECT 1 FROM wage_claims c WHERE c.chain_id = p.chain_id AND c.payslip_id = p.payslip_id)
UNION ALL
SELECT chain_id, height, time, 'income-tax', company, 'treasury', tax, 'ursc', tax, 'ursc', 'payroll/payslip/' || payslip_id,
       'conductor.payroll.v1.EventWorkPaid', tx_hash, event_id
FROM payslips p
WHERE tax > 0 AND NOT EXISTS (SELECT 1 FROM wage_claims c WHERE c.chain_id = p.chain_id AND c.payslip_id = p.payslip_id)
UNION ALL
SELECT chain_id, height, time, 'claim-wage', company, worker, net, 'ursc', net, 'ursc', 'payroll/claim/' || claim_id,
       'conductor.payroll.v1.EventClaimPaid', tx_hash, event_id
FROM claim_payments
UNION ALL
SELECT chain_id, height, time, 'income-tax', company, 'treasury', tax, 'ursc', tax, 'ursc', 'payroll/claim/' || claim_id,
       'conductor.payroll.v1.EventClaimPaid', tx_hash, event_id
FROM claim_payments WHERE tax > 0
UNION ALL
SELECT chain_id, height, time, 'transfer', seller, buyer, quantity, NULL, total, denom, 'market/order/' || order_id,
       'conductor.market.v1.EventPurchase', tx_hash, event_id
FROM orders
UNION ALL
SELECT chain_id, height, time, 'payment', buyer, seller, amount, denom, amount, denom, 'market/order/' || order_id,
       'conductor.market.v1.EventPurchase', tx_hash, event_id
FROM orders
UNION ALL
SELECT chain_id, height, time, 'sales-tax', buyer, 'treasury', tax, denom, tax, denom, 'market/order/' || order_id,
       'conductor.market.v1.EventPurchase', tx_hash, event_id
FROM orders WHERE tax > 0
UNION ALL
SELECT chain_id, height, time, 'use', 'housing', tenant, 1, 'month', paid, 'ursc', 'housing/lease/' || lease_id,
       'conductor.housing.v1.EventRentPaid', tx_hash, event_id
FROM rent_payments
UNION ALL
SELECT chain_id, height, time, 'rent', tenant, 'housing', paid, 'ursc', paid, 'ursc', 'housing/lease/' || lease_id,
       'conductor.housing.v1.EventRentPaid', tx_hash, event_id
FROM rent_payments WHERE paid > 0
UNION ALL
SELECT chain_id, height, time, 'debt', attrs->>'tenant', 'housing', (attrs->>'paid')::NUMERIC, 'ursc', (attrs->>'paid')::NUMERIC, 'ursc',
       'housing/lease/' || (attrs->>'lease_id'), type, tx_hash, event_id
FROM event_records WHERE type = 'conductor.housing.v1.EventDebtCollected'
UNION ALL
SELECT chain_id, height, time, 'repayment', borrower, 'bank', principal + interest, 'ursc', principal + interest, 'ursc',
       'bankloans/loan/' || loan_id, 'conductor.bankloans.v1.EventLoanPayment', tx_hash, event_id
FROM loan_payments WHERE principal + interest > 0
UNION ALL
SELECT chain_id, height, time, 'tuition', student, 'school', amount, 'ursc', amount, 'ursc', 'education/enrollment/' || enrollment_id,
       'conductor.education.v1.EventTuitionPaid', tx_hash, event_id
FROM tuition_payments
UNION ALL
SELECT chain_id, height, time, 'refund', coalesce(attrs->>'school', 'school'), attrs->>'student', (attrs->>'paid')::NUMERIC, 'ursc',
       (attrs->>'paid')::NUMERIC, 'ursc', 'education/enrollment/' || (attrs->>'enrollment_id'), type, tx_hash, event_id
FROM event_records WHERE type = 'conductor.education.v1.EventRefund'
UNION ALL
SELECT chain_id, height, time, 'dividend', 'treasury', member, amount, 'ursc', amount, 'ursc', 'dividend/period/' || through_period,
       'conductor.dividend.v1.EventDividendPaid', tx_hash, event_id
FROM dividend_payments
UNION ALL
SELECT chain_id, height, time, 'tax', company, 'treasury', tax, 'ursc', tax, 'ursc', 'dividend/window/' || "window",
       'conductor.dividend.v1.EventProfitAtRestTax', tx_hash, event_id
FROM profit_at_rest_taxes
UNION ALL
SELECT chain_id, height, time, 'subsidy', 'treasury', company, amount, 'ursc', amount, 'ursc', 'assembly/proposal/' || proposal_id,
       'conductor.dividend.v1.EventSubsidy', tx_hash, event_id
FROM subsidies;
