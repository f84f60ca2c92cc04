// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IToken {
    function balanceOf(address holder) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// A vault holding ether and one token. `sweep` sends everything out: the tests use it as the exploit.
/// `token` and `cap` are immutables, so two deployments of the same source differ in their runtime code.
contract Vault {
    address public immutable token;
    uint256 public immutable cap;

    constructor(address token_, uint256 cap_) {
        token = token_;
        cap = cap_;
    }

    receive() external payable {}

    function sweep(address payable to) external {
        uint256 tokens = IToken(token).balanceOf(address(this));
        IToken(token).transfer(to, tokens);
        to.transfer(address(this).balance);
    }

    function version() external pure returns (uint256) {
        return 1;
    }
}

/// A second implementation that no audit has seen.
contract VaultV2 {
    address public immutable token;

    constructor(address token_) {
        token = token_;
    }

    receive() external payable {}

    function version() external pure returns (uint256) {
        return 2;
    }

    function emergencyExit(address payable to) external {
        to.transfer(address(this).balance);
    }
}
