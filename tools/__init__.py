"""Operator tools kept out of the runtime apps: the production stack launcher and the load bench."""
