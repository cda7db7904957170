// Command conductord runs a region's chain and is its members' wallet CLI.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/conductor-coop/conductor/app"
	"github.com/conductor-coop/conductor/cmd/conductord/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
