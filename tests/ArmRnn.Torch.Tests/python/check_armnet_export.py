#!/usr/bin/python3
"""Loads an ArmNet exported by ArmRnn.Torch (PyTorchStateDict.Export) into a PyTorch module and checks that it
reproduces the C# output on a saved input.

Usage: check_armnet_export.py STATE_DICT.pt IO.pt

STATE_DICT.pt is the exported state_dict, with STATE_DICT.pt.json beside it (the ArmRnn checkpoint metadata: the
architecture, the layout and the excitation names). IO.pt is a dict of tensors written by the .NET test:
"excitations" [batch, time, muscle], "initial_states" [batch, state] (physical units) and "expected" [batch, time,
state], the C# prediction in normalised units. Prints the largest absolute difference; exit code 0 when it is at most
1e-5, 1 otherwise.
"""

import json
import sys

import torch
from torch import nn


class ArmNet(nn.Module):
    """The PyTorch twin of ArmRnn.Torch.Networks.ArmNet (same state_dict keys)."""

    def __init__(self, excitations, states, hidden, layers, cell, feed_initial_state):
        super().__init__()
        self.cell = cell
        self.layers = layers
        self.hidden = hidden
        self.feed_initial_state = feed_initial_state
        inputs = excitations + (states if feed_initial_state else 0)
        if cell == "Gru":
            self.gru = nn.GRU(inputs, hidden, layers, batch_first=True)
        else:
            self.lstm = nn.LSTM(inputs, hidden, layers, batch_first=True)
        self.rows = layers * (2 if cell == "Lstm" else 1)
        self.readout = nn.Linear(hidden, states)
        self.initial_hidden = nn.Linear(states, self.rows * hidden)
        self.register_buffer("state_mean", torch.zeros(states))
        self.register_buffer("state_std", torch.ones(states))

    def normalize(self, states):
        return (states - self.state_mean) / self.state_std

    def denormalize(self, states):
        return states * self.state_std + self.state_mean

    def forward(self, excitations, initial_states):
        """Normalised states [batch, time, state] from excitations and physical initial states."""
        s0 = self.normalize(initial_states)
        batch = s0.shape[0]
        h0 = torch.tanh(self.initial_hidden(s0)).reshape(batch, self.rows, self.hidden).permute(1, 0, 2).contiguous()
        x = excitations
        if self.feed_initial_state:
            x = torch.cat([x, s0.unsqueeze(1).expand(-1, x.shape[1], -1)], 2)
        if self.cell == "Gru":
            out, _ = self.gru(x, h0)
        else:
            out, _ = self.lstm(x, (h0[: self.layers].contiguous(), h0[self.layers:].contiguous()))
        return self.readout(out)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1] + ".json", encoding="utf-8") as f:
        meta = json.load(f)
    arch = meta["ArmNet"]
    net = ArmNet(len(meta["ExcitationNames"]), len(meta["ChannelNames"]), arch["HiddenSize"], arch["Layers"],
                 arch["Cell"], arch["FeedInitialStateAsInput"])
    net.load_state_dict(torch.load(argv[1]), strict=True)
    net.eval()
    io = torch.load(argv[2])
    with torch.no_grad():
        out = net(io["excitations"].float(), io["initial_states"].float())
    diff = (out - io["expected"].float()).abs().max().item()
    print(f"max abs difference {diff:.3e} over {out.numel()} values (torch {torch.__version__})")
    return 0 if diff <= 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
