package types

import "cosmossdk.io/math"

// NewClaim is the claim of a payslip the company could not pay: the whole payslip, nothing
// paid yet.
func NewClaim(slip Payslip) Claim {
	z := math.ZeroInt()
	return Claim{
		Company: slip.Company, Worker: slip.Worker, PayslipId: slip.Id,
		Gross: slip.Gross, Tax: slip.Tax, Net: slip.Net, PaidGross: z, PaidTax: z, PaidNet: z,
	}
}

// Owed is what the claim is still owed, gross.
func (c Claim) Owed() math.Int { return c.Gross.Sub(c.PaidGross) }

// Part splits a payment of up to available towards the claim: gross is what the claim takes
// of it (at most what it is owed); tax is the claim's income tax in proportion to the gross
// paid so far, rounded down (in the worker's favour: the rest of the tax is paid with the
// later parts), less the tax already paid; net = gross - tax. However the claim is paid, in
// one payment or in many, the parts sum exactly to its gross, tax and net.
func (c Claim) Part(available math.Int) (gross, tax, net math.Int) {
	gross = math.MinInt(math.MaxInt(available, math.ZeroInt()), c.Owed())
	paid := c.PaidGross.Add(gross)
	taxDue := c.Tax
	if paid.LT(c.Gross) {
		taxDue = c.Tax.Mul(paid).Quo(c.Gross)
	}
	tax = taxDue.Sub(c.PaidTax)
	return gross, tax, gross.Sub(tax)
}

// Pay adds a part (from Part) to the claim's payments.
func (c *Claim) Pay(gross, tax, net math.Int) {
	c.PaidGross, c.PaidTax, c.PaidNet = c.PaidGross.Add(gross), c.PaidTax.Add(tax), c.PaidNet.Add(net)
	c.Payments++
}
