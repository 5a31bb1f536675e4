"""Normalisation: raw values to canonical ones (numbers to intervals, dates to ranges)."""
