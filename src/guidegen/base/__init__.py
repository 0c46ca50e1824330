"""The bottom layer: what every other layer may use and which uses none of them. Reading and
writing files with their limits and errors, paper and card sizes, lengths and their units."""
