"""rejestr-kis: validate the register of Social Integration Clubs and build its website.

Data flows one way: register/ → load → validate → model → render → site/.
"""

__version__ = "0.1.0"
