"""Pure analysis on the rule interface: power, probability, what-if. No I/O."""
