"""The demo catalogue `make run` loads: generated records (biaozhun.datagen) and a few generated full texts."""
