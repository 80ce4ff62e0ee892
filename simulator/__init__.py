"""phonesim: a simulator of Polycom / Poly phones for practising reboots and factory resets."""
