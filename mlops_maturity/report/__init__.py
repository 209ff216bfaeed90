"""The report view model: built once from the engine's result, rounded and worded in one place."""
