// Package router is the one money path: every RSC movement of a Conductor action goes
// through Router.Pay (or, for ICS-20's own sends, Router.Within), which checks the route
// against the table below, tracks the companies' balances for the profit-at-rest tax,
// sends, books the treasury's revenue and records the value flow, in that order, once.
//
// The table is the one place that says who may pay whom: the bank's send restriction (the
// RSC rule) lets a company's, the bank's, a pool's or the treasury's money move only inside
// a payment of the router (a capability no other code can make), and the router pays only
// on a route of this table.
package router

import (
	dividendtypes "github.com/conductor-coop/conductor/x/dividend/types"
	membershiptypes "github.com/conductor-coop/conductor/x/membership/types"
	vf "github.com/conductor-coop/conductor/x/valueflows/types"
)

// Route names one way money may move in the region.
type Route uint8

// The routes (their rules are in the table).
const (
	Purchase Route = iota + 1
	SalesTax
	ExternalSalesTax
	Wage
	IncomeTax
	Rent
	RentMarkup
	LoanFunding
	LoanDisbursement
	Repayment
	Interest
	Dividend
	ProfitAtRestTax
	Subsidy
	Fees
	Tuition
	Refund
	PoolContribution
	PoolSpend
	BankruptcyDistribution
	HomePurchase
	IBCReceipt
)

// Kinds of party. None is an address no agent holds: a person who has not registered, or
// a module account (fees, the bank's loan pool, ICS-20's escrow and minter, the intake).
const (
	None     = membershiptypes.AGENT_KIND_UNSPECIFIED
	Person   = membershiptypes.AGENT_KIND_PERSON
	Company  = membershiptypes.AGENT_KIND_COMPANY
	Regional = membershiptypes.AGENT_KIND_REGIONAL_COMPANY
	Bank     = membershiptypes.AGENT_KIND_BANK
	Treasury = membershiptypes.AGENT_KIND_TREASURY
	Pool     = membershiptypes.AGENT_KIND_POOL
)

// Spec is a route's rule.
type Spec struct {
	Name string
	// From and To are the kinds of agent that may pay and receive on the route.
	From, To []membershiptypes.AgentKind
	// Vouchers: the route may move another region's RSC (an ICS-20 voucher) as well as ursc.
	Vouchers bool
	// Source is the treasury's revenue the route books when the treasury receives ursc on it.
	Source dividendtypes.Source
	// Action is the ValueFlows action of the route's flow.
	Action vf.Action
	// With are the routes a payment on this one may have legs on besides its own (a
	// purchase's sales tax, a wage's income tax, a rent's markup).
	With []Route
	// HiredPayees: the payees are the workers of the employments paid, each refused at hire
	// unless a person (x/payroll's RequirePerson) and never another kind after: the router
	// does not read their kind again, one store read a payslip on the pay run's path.
	HiredPayees bool
	// Scope: the route may run a module's own sends (Router.Within: ICS-20's escrow, mint
	// and refund), each checked against From and To; no other route may.
	Scope bool
}

var (
	persons = []membershiptypes.AgentKind{Person, None}
	buyers  = []membershiptypes.AgentKind{Person, None, Company, Regional}
	sellers = []membershiptypes.AgentKind{Company, Regional}
	// employers are the agents that employ workers (membership's Employer): the bank's
	// staff are paid as a co-op's are.
	employers = []membershiptypes.AgentKind{Company, Regional, Bank}
	treasury  = []membershiptypes.AgentKind{Treasury}
	module    = []membershiptypes.AgentKind{None}
)

// Routes is the table of routes.
var Routes = map[Route]Spec{
	Purchase:               {Name: "purchase", From: buyers, To: sellers, Vouchers: true, Action: vf.ACTION_TRANSFER, With: []Route{SalesTax, ExternalSalesTax}},
	SalesTax:               {Name: "sales tax", From: buyers, To: treasury, Vouchers: true, Source: dividendtypes.SOURCE_INTERNAL_SALES_TAX, Action: vf.ACTION_TRANSFER},
	ExternalSalesTax:       {Name: "external sales tax", From: buyers, To: treasury, Vouchers: true, Source: dividendtypes.SOURCE_EXTERNAL_SALES_TAX, Action: vf.ACTION_TRANSFER},
	Wage:                   {Name: "wage", From: employers, To: persons, Action: vf.ACTION_WORK, With: []Route{IncomeTax}, HiredPayees: true},
	IncomeTax:              {Name: "income tax", From: employers, To: treasury, Source: dividendtypes.SOURCE_INCOME_TAX, Action: vf.ACTION_TRANSFER},
	Rent:                   {Name: "rent", From: buyers, To: []membershiptypes.AgentKind{Regional}, Action: vf.ACTION_USE, With: []Route{RentMarkup}},
	RentMarkup:             {Name: "rent above cost", From: buyers, To: treasury, Source: dividendtypes.SOURCE_NON_MEMBER_SERVICES, Action: vf.ACTION_USE},
	LoanFunding:            {Name: "loan funding", From: treasury, To: module, Action: vf.ACTION_TRANSFER},
	LoanDisbursement:       {Name: "loan disbursement", From: module, To: buyers, Action: vf.ACTION_TRANSFER},
	Repayment:              {Name: "repayment", From: buyers, To: module, Action: vf.ACTION_TRANSFER},
	Interest:               {Name: "interest", From: module, To: treasury, Source: dividendtypes.SOURCE_BANK_INTEREST, Action: vf.ACTION_TRANSFER},
	Dividend:               {Name: "dividend", From: treasury, To: persons, Action: vf.ACTION_TRANSFER},
	ProfitAtRestTax:        {Name: "profit-at-rest tax", From: []membershiptypes.AgentKind{Company}, To: treasury, Source: dividendtypes.SOURCE_PROFIT_AT_REST_TAX, Action: vf.ACTION_TRANSFER},
	Subsidy:                {Name: "subsidy", From: treasury, To: []membershiptypes.AgentKind{Regional}, Action: vf.ACTION_TRANSFER},
	Fees:                   {Name: "fees", From: module, To: treasury, Vouchers: true, Source: dividendtypes.SOURCE_FEES, Action: vf.ACTION_TRANSFER},
	Tuition:                {Name: "tuition", From: persons, To: []membershiptypes.AgentKind{Regional}, Action: vf.ACTION_TRANSFER},
	Refund:                 {Name: "refund", From: []membershiptypes.AgentKind{Regional}, To: persons, Action: vf.ACTION_TRANSFER},
	PoolContribution:       {Name: "pool contribution", From: treasury, To: []membershiptypes.AgentKind{Pool, None}, Vouchers: true, Action: vf.ACTION_TRANSFER, Scope: true},
	PoolSpend:              {Name: "pool spend", From: []membershiptypes.AgentKind{Pool}, To: []membershiptypes.AgentKind{Person, Company, Regional}, Vouchers: true, Action: vf.ACTION_TRANSFER},
	BankruptcyDistribution: {Name: "bankruptcy distribution", From: []membershiptypes.AgentKind{Company}, To: []membershiptypes.AgentKind{Regional, Treasury}, Action: vf.ACTION_TRANSFER},
	HomePurchase:           {Name: "home purchase", From: []membershiptypes.AgentKind{Regional}, To: persons, Action: vf.ACTION_TRANSFER},
	IBCReceipt:             {Name: "ICS-20 receipt", From: module, To: []membershiptypes.AgentKind{None, Pool, Treasury}, Vouchers: true, Action: vf.ACTION_TRANSFER, Scope: true},
}
