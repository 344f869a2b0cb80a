"""The Evaluation home: forms, expectations review and summary."""
