// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// The part of an ERC-20 a market moves.
interface UnderlyingToken {
    function balanceOf(address holder) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// The least Compound v2-style market (cToken) the tests need: suppliers mint cTokens for the underlying and redeem them at
/// the exchange rate, the underlying cash over the cTokens supplied, scaled by 1e18 (no borrows, so no interest). Mint and
/// redeem emit Transfer from and to the market itself, as Compound's cTokens do. `sweep` lacks its access check: the tests use
/// it as the exploit that drains the market, so the exchange rate falls and every supplier's balance loses value.
contract LendingMarket {
    UnderlyingToken public immutable underlying;
    uint256 public immutable initialExchangeRateMantissa;
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;
    uint8 public constant decimals = 8;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Mint(address minter, uint256 mintAmount, uint256 mintTokens);
    event Redeem(address redeemer, uint256 redeemAmount, uint256 redeemTokens);

    constructor(UnderlyingToken underlying_, uint256 initialExchangeRateMantissa_) {
        underlying = underlying_;
        initialExchangeRateMantissa = initialExchangeRateMantissa_;
    }

    function getCash() public view returns (uint256) {
        return underlying.balanceOf(address(this));
    }

    function exchangeRateStored() public view returns (uint256) {
        return totalSupply == 0 ? initialExchangeRateMantissa : getCash() * 1e18 / totalSupply;
    }

    function mint(uint256 mintAmount) external returns (uint256) {
        uint256 mintTokens = mintAmount * 1e18 / exchangeRateStored();
        require(underlying.transferFrom(msg.sender, address(this), mintAmount), "transfer failed");
        balanceOf[msg.sender] += mintTokens;
        totalSupply += mintTokens;
        emit Mint(msg.sender, mintAmount, mintTokens);
        emit Transfer(address(this), msg.sender, mintTokens);
        return 0;
    }

    function redeem(uint256 redeemTokens) external returns (uint256) {
        uint256 redeemAmount = redeemTokens * exchangeRateStored() / 1e18;
        balanceOf[msg.sender] -= redeemTokens;
        totalSupply -= redeemTokens;
        emit Transfer(msg.sender, address(this), redeemTokens);
        require(underlying.transfer(msg.sender, redeemAmount), "transfer failed");
        emit Redeem(msg.sender, redeemAmount, redeemTokens);
        return 0;
    }

    function transfer(address to, uint256 tokens) external returns (bool) {
        balanceOf[msg.sender] -= tokens;
        balanceOf[to] += tokens;
        emit Transfer(msg.sender, to, tokens);
        return true;
    }

    /// The bug: anyone may take the market's cash.
    function sweep(address to, uint256 amount) external {
        require(underlying.transfer(to, amount), "transfer failed");
    }
}
