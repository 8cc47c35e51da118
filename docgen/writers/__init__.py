"""Output writers: each turns a resolved report and a profile into one file format."""
