"""The app's screens: one home per step of the method, and shared dialogs."""
